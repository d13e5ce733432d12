import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LOCK_FILE_NAME } from '../core/platform/data-folder-lock';
import { spawnCoreProcess, waitForUrl, type CoreProcess } from '../testing/core-process';
import { connectWsClient } from '../testing/ws-client';

const workDir = mkdtempSync(path.join(os.tmpdir(), 'nova-lock-'));
const dataDir = path.join(workDir, 'data');
const TOKEN = 'lock-test-token-0123456789';
const started: CoreProcess[] = [];

afterAll(() => {
  for (const core of started) core.process.kill('SIGKILL');
  rmSync(workDir, { recursive: true, force: true });
});

function start(): CoreProcess {
  const core = spawnCoreProcess({ dataDir, workDir, token: TOKEN });
  started.push(core);
  return core;
}

describe('one core per data folder', () => {
  it('refuses a second browser mode on the same folder, naming the first; a crashed owner does not block the next', async () => {
    const first = start();
    const origin = await waitForUrl(first);

    const second = start();
    expect(await second.exited).toBe(1);
    expect(second.output()).toMatch(
      new RegExp(`Nova Studio is already open on this data folder \\(browser mode, pid ${first.process.pid}, since [^)]+\\)\\. Close it first or use --data for another folder\\.`),
    );
    expect(second.output()).not.toMatch(/\n\s+at /); // a sentence, not a stack trace
    // The first is untouched and still serving.
    const client = await connectWsClient(origin, TOKEN);
    expect(await client.call('prefs.get', {})).toMatchObject({ theme: 'system' });
    client.close();

    first.process.kill('SIGKILL');
    await first.exited;
    const third = start();
    await waitForUrl(third);

    // A clean stop gives the folder back.
    third.process.kill('SIGTERM');
    expect(await third.exited).toBe(0);
    expect(existsSync(path.join(dataDir, LOCK_FILE_NAME))).toBe(false);
  }, 90_000);
});
