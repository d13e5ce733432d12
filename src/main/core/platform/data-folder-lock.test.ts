import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acquireDataFolderLock, DataFolderInUseError, LOCK_FILE_NAME } from './data-folder-lock';

let dataDir: string;
beforeEach(() => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'nova-lock-'));
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

/** The pid of a process that has already exited (and been reaped). */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

const lockFile = () => path.join(dataDir, LOCK_FILE_NAME);

describe('data-folder lock', () => {
  it('records who holds the folder, refuses a second owner naming the first, and frees it on release', () => {
    const first = acquireDataFolderLock({ dataDir, mode: 'browser mode' });
    expect(JSON.parse(readFileSync(lockFile(), 'utf8'))).toMatchObject({ pid: process.pid, host: os.hostname(), mode: 'browser mode' });

    let refusal: unknown;
    try {
      acquireDataFolderLock({ dataDir, mode: 'desktop app' });
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(DataFolderInUseError);
    const { message, holder } = refusal as DataFolderInUseError;
    expect(holder).toMatchObject({ pid: process.pid, mode: 'browser mode' });
    expect(message).toMatch(new RegExp(`^Nova Studio is already open on this data folder \\(browser mode, pid ${process.pid}, since [^)]+\\)\\. Close it first\\.$`));

    first.release();
    expect(existsSync(lockFile())).toBe(false);
    acquireDataFolderLock({ dataDir, mode: 'desktop app' }).release();
  });

  it('takes over a lock left by a process that no longer runs', () => {
    const pid = deadPid();
    writeFileSync(lockFile(), JSON.stringify({ pid, host: os.hostname(), mode: 'browser mode', startedAt: Date.now(), nonce: 'old' }));
    const lock = acquireDataFolderLock({ dataDir, mode: 'browser mode' });
    expect(JSON.parse(readFileSync(lockFile(), 'utf8'))).toMatchObject({ pid: process.pid });
    lock.release();
  });

  it('takes over a lock whose pid now belongs to another process (pid reuse)', () => {
    // Our own pid, but recorded with a start time this process does not have.
    writeFileSync(lockFile(), JSON.stringify({ pid: process.pid, host: os.hostname(), mode: 'desktop app', startedAt: 0, processStart: '1', nonce: 'old' }));
    const lock = acquireDataFolderLock({ dataDir, mode: 'browser mode' });
    expect(JSON.parse(readFileSync(lockFile(), 'utf8'))).toMatchObject({ pid: process.pid, mode: 'browser mode' });
    lock.release();
  });

  it('leaves a lock that is no longer its own in place on release', () => {
    const lock = acquireDataFolderLock({ dataDir, mode: 'browser mode' });
    const other = JSON.stringify({ pid: 1, host: 'elsewhere', mode: 'desktop app', startedAt: 0, nonce: 'theirs' });
    writeFileSync(lockFile(), other);
    lock.release();
    expect(readFileSync(lockFile(), 'utf8')).toBe(other);
  });

  it('treats a lock from another computer (a shared folder) as held', () => {
    writeFileSync(lockFile(), JSON.stringify({ pid: deadPid(), host: 'writing-desk', mode: 'desktop app', startedAt: Date.now(), nonce: 'n' }));
    expect(() => acquireDataFolderLock({ dataDir, mode: 'browser mode' })).toThrow(/desktop app on writing-desk, pid \d+/);
  });
});
