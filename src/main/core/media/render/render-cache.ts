import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { access, mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';

/** Cached pieces are MP4 files of the final encode (their streams join by copy). */
export const PIECE_EXTENSION = '.mp4';

/** The piece cache: finished pieces (final-encoded) by content hash, shared by every render and kept after a cancel or a crash. */
export interface SegmentCache {
  pathOf(key: string): string;
  has(key: string): Promise<boolean>;
  /** Draws into a temporary file and renames it into place, so the cache never holds a partial piece. */
  fill(key: string, draw: (temp: string) => Promise<void>): Promise<string>;
}

/**
 * Opens the cache. Partial files left by a process that was killed mid-draw are removed now,
 * before any render runs (the data folder belongs to one process, so none of them is live).
 */
export function createSegmentCache(dir: string): SegmentCache {
  const pathOf = (key: string) => path.join(dir, `${key}${PIECE_EXTENSION}`);
  if (existsSync(dir)) for (const name of readdirSync(dir)) if (name.includes('.partial.')) rmSync(path.join(dir, name), { force: true });
  return {
    pathOf,
    async has(key) {
      return access(pathOf(key)).then(
        () => true,
        () => false,
      );
    },
    async fill(key, draw) {
      await mkdir(dir, { recursive: true });
      const temp = path.join(dir, `.${key}.${randomUUID()}.partial${PIECE_EXTENSION}`);
      try {
        await draw(temp);
        await rename(temp, pathOf(key));
      } finally {
        await rm(temp, { force: true });
      }
      return pathOf(key);
    },
  };
}

