import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, linkSync, mkdirSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** The file in the data folder that says which process owns it. */
export const LOCK_FILE_NAME = 'nova.lock';

/** Which shell holds the folder, as a person would name it. */
export type LockMode = 'desktop app' | 'browser mode';

/** What the lock file records. */
export interface LockHolder {
  pid: number;
  host: string;
  mode: LockMode;
  /** When the holder took the lock (ms since the epoch). */
  startedAt: number;
  /** The holder's process start time as the OS reports it (Linux), to tell a reused pid apart. */
  processStart?: string | null;
  /** Tells this holder's lock from a later one with the same pid. */
  nonce: string;
}

export interface DataFolderLock {
  readonly holder: LockHolder;
  /** Gives the folder back; does nothing if the lock is no longer ours. Idempotent. */
  release(): void;
}

/** Another live process owns the data folder. The message names it; shells may add advice. */
export class DataFolderInUseError extends Error {
  readonly holder: LockHolder;
  constructor(holder: LockHolder) {
    super(`${describeLockHolder(holder)} Close it first.`);
    this.name = 'DataFolderInUseError';
    this.holder = holder;
  }
}

/** "Nova Studio is already open on this data folder (browser mode, pid 1234, since 10:02)." */
export function describeLockHolder(holder: LockHolder, now: number = Date.now()): string {
  const where = holder.host === os.hostname() ? '' : ` on ${holder.host}`;
  return `Nova Studio is already open on this data folder (${holder.mode}${where}, pid ${holder.pid}, since ${formatSince(holder.startedAt, now)}).`;
}

/**
 * Takes the data folder for this process, or throws {@link DataFolderInUseError}. Only one core
 * may own a folder: two would each cache and push their own view of the same database.
 *
 * The lock is a file created atomically (written in full beside it, then hard-linked into
 * place, which fails if one exists), so a reader never sees half a lock. A lock whose process
 * is gone — killed, crashed, the machine restarted — is taken over: its pid no longer runs on
 * this host, or (Linux) runs with another start time, meaning the pid was reused. A lock from
 * another host (a synced or network folder) cannot be checked and counts as held.
 * Released on {@link DataFolderLock.release} and, as a backstop, when the process exits.
 */
export function acquireDataFolderLock(options: { dataDir: string; mode: LockMode }): DataFolderLock {
  mkdirSync(options.dataDir, { recursive: true });
  const file = path.join(options.dataDir, LOCK_FILE_NAME);
  const holder: LockHolder = {
    pid: process.pid,
    host: os.hostname(),
    mode: options.mode,
    startedAt: Date.now(),
    processStart: processStartOf(process.pid),
    nonce: randomBytes(8).toString('hex'),
  };
  // A few rounds: each either takes the lock, finds a live holder, or clears a stale one.
  for (let attempt = 0; attempt < 5; attempt += 1) {
    if (tryCreate(file, holder)) return ownLock(file, holder);
    const current = readHolder(file);
    if (current === 'gone') continue;
    if (current === 'unreadable' && isFresh(file)) {
      pause(100); // being written by a process that is starting right now (see createExclusively)
      continue;
    }
    if (current !== 'unreadable' && isLive(current)) throw new DataFolderInUseError(current);
    clearStaleLock(file, current);
  }
  throw new Error(`Could not take the lock on the data folder (${file}). Another program keeps changing it.`);
}

function ownLock(file: string, holder: LockHolder): DataFolderLock {
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    process.off('exit', release);
    const current = readHolder(file);
    if (typeof current === 'object' && current.nonce === holder.nonce) removeQuietly(file);
  };
  process.on('exit', release);
  return { holder, release };
}

/** Creates the lock file with the holder's record in one atomic step; false if one exists. */
function tryCreate(file: string, holder: LockHolder): boolean {
  const staged = `${file}.${holder.pid}.${holder.nonce}.tmp`;
  writeDurably(staged, JSON.stringify(holder));
  try {
    linkSync(staged, file);
    return true;
  } catch (error) {
    if (errorCode(error) === 'EEXIST') return false;
    // Some file systems (FAT, some network shares) have no hard links: an exclusive create
    // is atomic too, leaving only a moment in which the file is empty.
    return createExclusively(file, JSON.stringify(holder));
  } finally {
    removeQuietly(staged);
  }
}

function createExclusively(file: string, text: string): boolean {
  let fd: number;
  try {
    fd = openSync(file, 'wx', 0o600);
  } catch (error) {
    if (errorCode(error) === 'EEXIST') return false;
    throw error;
  }
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return true;
}

function writeDurably(file: string, text: string): void {
  const fd = openSync(file, 'w', 0o600);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function readHolder(file: string): LockHolder | 'gone' | 'unreadable' {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return 'gone';
    throw error;
  }
  try {
    const value = JSON.parse(text) as Partial<LockHolder>;
    if (typeof value.pid !== 'number' || typeof value.host !== 'string' || typeof value.nonce !== 'string') return 'unreadable';
    return {
      pid: value.pid,
      host: value.host,
      mode: value.mode === 'desktop app' ? 'desktop app' : 'browser mode',
      startedAt: typeof value.startedAt === 'number' ? value.startedAt : 0,
      processStart: typeof value.processStart === 'string' ? value.processStart : null,
      nonce: value.nonce,
    };
  } catch {
    return 'unreadable';
  }
}

/**
 * Moves a stale lock aside, then checks that what it moved is the stale lock it judged: if
 * another starting process replaced it in between, that live lock is linked back in place.
 */
function clearStaleLock(file: string, judged: LockHolder | 'unreadable'): void {
  const aside = `${file}.stale-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    renameSync(file, aside);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return; // someone else cleared it
    throw error;
  }
  const moved = readHolder(aside);
  const sameLock = judged === 'unreadable' ? moved === 'unreadable' : typeof moved === 'object' && moved.nonce === judged.nonce;
  if (!sameLock) {
    try {
      linkSync(aside, file);
    } catch {
      // A third process took the folder meanwhile; its lock stands.
    }
  }
  removeQuietly(aside);
}

/** Changed in the last few seconds (an empty or partial lock younger than that may still be written). */
function isFresh(file: string): boolean {
  try {
    return Date.now() - statSync(file).mtimeMs < 5_000;
  } catch {
    return false;
  }
}

/** Start-up only: a short synchronous wait, so acquiring stays a plain function call. */
function pause(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function isLive(holder: LockHolder): boolean {
  if (holder.host !== os.hostname()) return true;
  if (!pidRuns(holder.pid)) return false;
  const start = processStartOf(holder.pid);
  return !(holder.processStart && start && start !== holder.processStart);
}

function pidRuns(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: it runs, as another user.
    return errorCode(error) === 'EPERM';
  }
  return processState(pid) !== 'Z'; // a zombie has ended; only its parent has not looked yet
}

/** Fields of /proc/<pid>/stat after the command name (which may hold spaces); null off Linux. */
function procStat(pid: number): string[] | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null;
  }
}

/** Field 3 of /proc/<pid>/stat: the process state. */
function processState(pid: number): string | null {
  return procStat(pid)?.[0] ?? null;
}

/** Field 22 of /proc/<pid>/stat: start time in clock ticks since boot, unique per pid lifetime. */
function processStartOf(pid: number): string | null {
  return procStat(pid)?.[19] ?? null;
}

function formatSince(startedAt: number, now: number): string {
  const started = new Date(startedAt);
  const time = started.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
  return started.toDateString() === new Date(now).toDateString() ? time : `${started.toLocaleDateString(undefined, { dateStyle: 'medium' })} ${time}`;
}

function removeQuietly(file: string): void {
  try {
    unlinkSync(file);
  } catch {
    // Already gone.
  }
}

function errorCode(error: unknown): string | undefined {
  return error instanceof Error && 'code' in error ? String(error.code) : undefined;
}
