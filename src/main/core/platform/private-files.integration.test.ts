import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { contract } from '../../../shared/ipc/contract';
import { waitFor } from '../../testing/fake-llm-server';
import { createCore } from '../index';
import { createLogger, silentLogger } from './logger';

/*
 * Issue 6, point 31: the manuscript is private. The data folder is made owner-only (0700) and
 * every file the app writes in it owner-only (0600) — the database and its WAL files, logs, the
 * models file — and a folder left readable by an older version is tightened at start. POSIX
 * modes; Windows ignores them (its user profile folders are private already).
 */

const mode = (file: string) => statSync(file).mode & 0o777;
let root: string;
let previousUmask: number;

beforeAll(() => {
  // The usual default: without it, new files would be readable by everyone (0644, 0755).
  previousUmask = process.umask(0o022);
});
afterAll(() => {
  process.umask(previousUmask);
});
beforeEach(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'nova-modes-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe.skipIf(process.platform === 'win32')('private data folder', () => {
  it('creates the data folder 0700 and the database and its WAL files 0600', async () => {
    const dataDir = path.join(root, 'Nova Studio');
    const core = createCore({ dataDir, logger: silentLogger() });
    try {
      const input = contract['project.create'].input.parse({ title: 'The Salt Road' });
      const project = await core.handlers['project.create'](input, { transport: 'direct' });
      expect(project).toBeTruthy();
      expect(mode(dataDir)).toBe(0o700);
      for (const name of ['nova.db', 'nova.db-wal', 'nova.db-shm']) expect([name, mode(path.join(dataDir, name))]).toEqual([name, 0o600]);
    } finally {
      core.close();
    }
  });

  it('writes log files 0600 in a 0700 folder, creating the data folder privately', async () => {
    const dataDir = path.join(root, 'fresh');
    const file = path.join(dataDir, 'logs', 'web.log');
    const logger = createLogger({ file });
    logger.info('hello');
    await waitFor(() => readFileSync(file, 'utf8').includes('hello'));
    expect(mode(dataDir)).toBe(0o700);
    expect(mode(path.dirname(file))).toBe(0o700);
    expect(mode(file)).toBe(0o600);
  });

  it('tightens a folder an older version left readable, and the files in it', async () => {
    const dataDir = path.join(root, 'old');
    mkdirSync(path.join(dataDir, 'logs'), { recursive: true, mode: 0o755 });
    chmodSync(dataDir, 0o755);
    const files = ['models.yaml', 'window-state.json', path.join('logs', 'main.log')];
    for (const name of files) writeFileSync(path.join(dataDir, name), 'x', { mode: 0o644 });
    // An older database, readable by all.
    createCore({ dataDir, logger: silentLogger() }).close();
    chmodSync(path.join(dataDir, 'nova.db'), 0o644);
    chmodSync(dataDir, 0o755);

    const logger = createLogger({ file: path.join(dataDir, 'logs', 'main.log') });
    logger.info('started again');
    await waitFor(() => readFileSync(path.join(dataDir, 'logs', 'main.log'), 'utf8').includes('started again'));
    const core = createCore({ dataDir, logger: silentLogger() });
    try {
      expect(mode(dataDir)).toBe(0o700);
      expect(mode(path.join(dataDir, 'logs'))).toBe(0o700);
      for (const name of [...files, 'nova.db']) expect([name, mode(path.join(dataDir, name))]).toEqual([name, 0o600]);
    } finally {
      core.close();
    }
  });
});
