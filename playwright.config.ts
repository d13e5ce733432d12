import { defineConfig } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { E2E_PORT, E2E_TOKEN } from './e2e/e2e.constants';

/**
 * End-to-end flows in Chromium against `npm run web`: the real renderer, the real WebSocket
 * transport, the real core and SQLite, on a fresh data folder. Uses Debian's Chromium
 * (Playwright's own browser download is not reachable here); CHROMIUM_PATH overrides it.
 */
const PORT = E2E_PORT;
const dataDir = process.env.NOVA_E2E_DATA ?? mkdtempSync(path.join(os.tmpdir(), 'nova-e2e-'));

export default defineConfig({
  testDir: './e2e',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    acceptDownloads: true,
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
    },
  },
  webServer: {
    command: `npx tsx src/main/web.ts --data ${dataDir} --port ${PORT} --log-level warn`,
    url: `http://127.0.0.1:${PORT}/`,
    env: { NOVA_WEB_TOKEN: E2E_TOKEN },
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'pipe',
  },
});
