import { defineConfig } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { E2E_AI_CONTROL_PORT, E2E_AI_PORT, E2E_PORT, E2E_TOKEN } from './e2e/e2e.constants';

/**
 * End-to-end flows in Chromium: the real renderer, the real WebSocket transport, the real core
 * and SQLite, on fresh data folders. The writing-studio flows run against `src/main/web.ts`
 * (what `npm run web` starts); the AI flows (`ai-*.spec.ts`) against the same browser mode with
 * fake Ollama / OpenAI / Anthropic servers on 127.0.0.1. Uses Debian's Chromium (Playwright's
 * own browser download is not reachable here); CHROMIUM_PATH overrides it.
 */
const tmp = (name: string) => mkdtempSync(path.join(os.tmpdir(), name));
const dataDir = process.env.NOVA_E2E_DATA ?? tmp('nova-e2e-');
const aiDataDir = tmp('nova-e2e-ai-');
// The browser mode keeps the key that encrypts API keys outside the data folder; in tests, in a temp folder.
const keyFile = path.join(tmp('nova-e2e-keys-'), 'web-secret.key');

export default defineConfig({
  testDir: './e2e',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    acceptDownloads: true,
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
    },
  },
  // Matched on the file name only: a checkout in a folder named "ai-…" must not turn every flow into an AI flow.
  projects: [
    { name: 'studio', testIgnore: /(^|[\\/])ai-[^\\/]*\.spec\.ts$/, use: { baseURL: `http://127.0.0.1:${E2E_PORT}` } },
    { name: 'ai', testMatch: /(^|[\\/])ai-[^\\/]*\.spec\.ts$/, use: { baseURL: `http://127.0.0.1:${E2E_AI_PORT}` } },
  ],
  webServer: [
    {
      command: `npx tsx src/main/web.ts --data ${dataDir} --port ${E2E_PORT} --log-level warn --key-file ${keyFile}`,
      url: `http://127.0.0.1:${E2E_PORT}/`,
      env: { NOVA_WEB_TOKEN: E2E_TOKEN },
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: 'pipe',
    },
    {
      command: `npx tsx scripts/web-fake-ai.ts --data ${aiDataDir} --port ${E2E_AI_PORT} --control-port ${E2E_AI_CONTROL_PORT}`,
      url: `http://127.0.0.1:${E2E_AI_PORT}/`,
      env: { NOVA_WEB_TOKEN: E2E_TOKEN },
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: 'pipe',
    },
  ],
});
