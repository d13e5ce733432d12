import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

export interface CanaryHit {
  file: string;
  needle: string;
  encoding: 'utf8' | 'utf16le';
  offset: number;
}

function filesUnder(root: string): string[] {
  const stat = statSync(root);
  if (!stat.isDirectory()) return [root];
  return readdirSync(root).flatMap((name) => filesUnder(path.join(root, name)));
}

/**
 * Scans every byte the endpoint stored under `root` (the SQLite file with its WAL and shared
 * memory, the blob folder, uploads in progress) for each needle, in UTF-8 and UTF-16LE, and
 * returns every hit. A canary test plants unique strings in the writer's data, syncs, and
 * expects this to return nothing.
 */
export function scanStoredBytes(root: string, needles: readonly string[]): CanaryHit[] {
  const hits: CanaryHit[] = [];
  for (const file of filesUnder(root)) {
    const bytes = readFileSync(file);
    for (const needle of needles) {
      for (const encoding of ['utf8', 'utf16le'] as const) {
        const offset = bytes.indexOf(Buffer.from(needle, encoding));
        if (offset >= 0) hits.push({ file: path.relative(root, file), needle, encoding, offset });
      }
    }
  }
  return hits;
}
