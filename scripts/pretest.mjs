#!/usr/bin/env node
// Make sure the Debian tools that the tests use are present: install them when we can
// (root with apt-get), otherwise stop and say exactly what to install.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';

const NEEDS = [
  { pkg: 'chromium', ok: () => fs.existsSync('/usr/bin/chromium') },
  { pkg: 'libxml2-utils', ok: () => has('xmllint') },
  { pkg: 'fitsverify', ok: () => has('fitsverify') },
  { pkg: 'python3-astropy', ok: () => python('import astropy') },
  { pkg: 'python3-sunpy', ok: () => python('import sunpy') },
  // sunpy.map imports matplotlib, a recommendation of python3-sunpy only.
  { pkg: 'python3-matplotlib', ok: () => python('import matplotlib') },
];

function has(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}
function python(code) {
  return fs.existsSync('/usr/bin/python3') && spawnSync('/usr/bin/python3', ['-c', code], { stdio: 'ignore' }).status === 0;
}

const missing = NEEDS.filter((n) => !n.ok()).map((n) => n.pkg);
if (missing.length === 0) process.exit(0);

const canInstall = process.getuid?.() === 0 && has('apt-get');
if (!canInstall) {
  console.error(`The tests need these Debian packages: ${missing.join(' ')}\nInstall them with:\n  sudo apt-get update && sudo apt-get install -y ${missing.join(' ')}`);
  process.exit(1);
}
console.log(`pretest: installing ${missing.join(' ')} ...`);
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
execFileSync('apt-get', ['update'], { stdio: 'inherit', env });
execFileSync('apt-get', ['install', '-y', '--no-install-recommends', ...missing], { stdio: 'inherit', env });
const still = NEEDS.filter((n) => !n.ok()).map((n) => n.pkg);
if (still.length) {
  console.error(`pretest: still missing after installation: ${still.join(' ')}`);
  process.exit(1);
}
