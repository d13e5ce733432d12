import { realpath } from 'node:fs/promises';
import path from 'node:path';

/** Whether `candidate` is `root` itself or below it (both already resolved). */
export function isInside(root: string, candidate: string): boolean {
  const relative = path.relative(root, candidate);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

/**
 * The real path of `file` (symlinks and `..` resolved) and its path relative to the real media
 * root, `/`-separated; null when it does not exist or resolves outside the root.
 */
export async function resolveUnderRoot(root: string, file: string): Promise<{ real: string; relative: string } | null> {
  let realRoot: string;
  let real: string;
  try {
    [realRoot, real] = await Promise.all([realpath(root), realpath(path.resolve(root, file))]);
  } catch {
    return null;
  }
  if (!isInside(realRoot, real)) return null;
  return { real, relative: path.relative(realRoot, real).split(path.sep).join('/') };
}
