import { randomBytes } from 'node:crypto';
import { chmodSync, closeSync, fsyncSync, lstatSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import { AppError, ErrorCode } from '../../../shared/ipc/errors';

/*
 * The data folder holds the manuscript, the logs and (encrypted) keys: only its owner may read
 * it. POSIX modes; Windows ignores them (and keeps a user's AppData private already).
 */

/** Owner-only: read and write for the user, nothing for group or others. */
export const PRIVATE_FILE_MODE = 0o600;
export const PRIVATE_DIR_MODE = 0o700;

/** Folders inside the data folder whose files the app writes (one level is enough: nothing nests deeper). */
const PRIVATE_SUBFOLDERS = new Set(['logs']);

const applies = () => process.platform !== 'win32';

/** Takes group and other access away from a file or folder, leaving the owner's bits as they are. */
function tighten(target: string, wanted: number): void {
  const stat = lstatSync(target, { throwIfNoEntry: false });
  // A symlink is not ours to change (chmod would follow it to wherever it points).
  if (!stat || stat.isSymbolicLink()) return;
  if ((stat.mode & 0o077) !== 0) chmodSync(target, (stat.mode & 0o700) | (wanted & 0o700));
}

/** Creates `dir` (and missing parents) owner-only, or makes an existing one owner-only. */
export function ensurePrivateFolder(dir: string): void {
  // mkdir's mode applies to every folder it creates; umask can only take bits away.
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  if (applies()) tighten(dir, PRIVATE_DIR_MODE);
}

/** Creates `file` empty and owner-only if it does not exist, or makes it owner-only. */
export function ensurePrivateFile(file: string): void {
  closeSync(openSync(file, 'a', PRIVATE_FILE_MODE));
  if (applies()) tighten(file, PRIVATE_FILE_MODE);
}

/**
 * Makes the data folder private: owner-only itself, its files, and the files of the folders the
 * app writes (logs). Run at every start, so a folder an older version created readable by other
 * local users is tightened too.
 */
export function securePrivateFolder(dataDir: string): void {
  ensurePrivateFolder(dataDir);
  if (!applies()) return;
  for (const entry of readdirSync(dataDir, { withFileTypes: true })) {
    const target = path.join(dataDir, entry.name);
    if (entry.isFile()) tighten(target, PRIVATE_FILE_MODE);
    else if (entry.isDirectory() && PRIVATE_SUBFOLDERS.has(entry.name)) {
      tighten(target, PRIVATE_DIR_MODE);
      for (const inner of readdirSync(target, { withFileTypes: true })) if (inner.isFile()) tighten(path.join(target, inner.name), PRIVATE_FILE_MODE);
    }
  }
}

/**
 * Writes a private file through a temp file beside it, flushed to disk, then renamed over it:
 * a crash leaves the old file or the new one, never half of one. `what` names the file in the
 * STORAGE_FAILED sentence ("The models file").
 */
export function writeAtomically(file: string, text: string, what: string): void {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    const fd = openSync(temp, 'w', PRIVATE_FILE_MODE);
    try {
      writeSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, file);
  } catch (cause) {
    rmSync(temp, { force: true });
    throw new AppError(ErrorCode.STORAGE_FAILED, `${what} could not be saved to ${file}.`, { cause });
  }
}
