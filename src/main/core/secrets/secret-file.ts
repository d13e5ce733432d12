import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { AppError, ErrorCode } from '../../../shared/ipc/errors';
import { aiSettingsTab } from '../../../shared/text/settings-names';
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from '../platform/private-files';

/*
 * File plumbing shared by the secret stores: private modes, atomic replacement, and the one
 * error a user sees when stored keys cannot be read back.
 */

/** Owner-only modes (POSIX; ignored on Windows), the same as the data folder's. */
export { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE };

/** The stored keys exist but cannot be decrypted or parsed; the user has to paste them again. */
export function secretsUnreadable(cause?: unknown): AppError {
  return new AppError(
    ErrorCode.STORAGE_FAILED,
    `The saved API keys can’t be read (the key file or the OS keychain changed, or the file was damaged). Enter your keys again in ${aiSettingsTab('Keys')}.`,
    cause === undefined ? {} : { cause },
  );
}

function storageFailed(what: string, cause: unknown): AppError {
  return new AppError(ErrorCode.STORAGE_FAILED, `${what} Check that the folder exists and you may write to it.`, { cause });
}

function isMissing(error: unknown): boolean {
  return error instanceof Error && 'code' in error && error.code === 'ENOENT';
}

/** The file's bytes, or null when it does not exist; other failures become STORAGE_FAILED. */
export async function readSecretFile(file: string): Promise<Buffer | null> {
  try {
    return await readFile(file);
  } catch (error) {
    if (isMissing(error)) return null;
    throw storageFailed('The saved API keys could not be read.', error);
  }
}

/**
 * Replaces `file` with `data` so a crash leaves either the old or the new content, never half
 * of each: write a private temp file beside it, flush it to disk, then rename over.
 */
export async function writeSecretFileAtomic(file: string, data: string | Uint8Array): Promise<void> {
  const temp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await mkdir(path.dirname(file), { recursive: true, mode: PRIVATE_DIR_MODE });
    const handle = await open(temp, 'wx', PRIVATE_FILE_MODE);
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true }).catch(() => undefined);
    throw storageFailed('The API keys could not be saved.', error);
  }
}

/**
 * Renames an unreadable file to `<file>.unreadable-<time>` so new keys can be saved while the
 * old bytes stay on disk (they become readable again if the user restores the old key file).
 */
export async function moveAside(file: string, now: number): Promise<void> {
  try {
    await rename(file, `${file}.unreadable-${now}`);
  } catch (error) {
    if (!isMissing(error)) throw storageFailed('The unreadable key file could not be moved aside.', error);
  }
}

/** Runs async operations one after another, so two quick saves never lose each other's write. */
export function createSerialQueue() {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(work: () => Promise<T>): Promise<T> => {
    const run = tail.then(work, work);
    tail = run.catch(() => undefined);
    return run;
  };
}

/** True when `child` is `parent` or lies somewhere under it. */
export function isInside(parent: string, child: string): boolean {
  const relative = path.relative(path.resolve(parent), path.resolve(child));
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}
