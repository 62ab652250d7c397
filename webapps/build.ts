/**
 * Bundle the portal pages (one entry module per page) into webapps/dist with esbuild.
 * Placeholder entry list until the web apps land.
 */
import fs from 'node:fs';
fs.mkdirSync(new URL('./dist/', import.meta.url), { recursive: true });
console.log('webapps: nothing to build yet');
