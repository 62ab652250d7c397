import { defineConfig } from 'vitest/config';

// Unit and integration tests live next to the code they test (`*.test.ts`).
// Browser tests are Playwright specs under e2e/ and are not collected here.
export default defineConfig({
  test: {
    include: ['{server,products,spase,webapps,scripts}/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    reporters: ['default'],
  },
});
