// End-to-end suite: a real headless Chromium (Debian's, never a downloaded one) against the
// reference server that `cargo xtask test` starts and names in ONRAMP_BASE_URL.
import { defineConfig } from '@playwright/test';

const baseURL = process.env.ONRAMP_BASE_URL;
if (!baseURL) {
  throw new Error('ONRAMP_BASE_URL is not set: run the suite with `cargo xtask test`');
}

export default defineConfig({
  testDir: '.',
  testMatch: /.*\.spec\.mjs/,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  outputDir: '../../target/e2e-results',
  // Reviewed screenshots, one folder per Chromium major version (screens.spec.mjs names them):
  // a new Chromium from the distribution gets no comparison until its baseline is reviewed.
  snapshotPathTemplate: '{testDir}/__screenshots__/{arg}{ext}',
  use: {
    baseURL,
    browserName: 'chromium',
    headless: true,
    trace: 'off',
    launchOptions: {
      executablePath: process.env.ONRAMP_CHROMIUM || '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
});
