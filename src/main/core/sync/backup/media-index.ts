import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { BackupManifest, ChunkEntry, ManifestFile } from './backup-manifest';
import type { PackSource } from './pack-writer';

/**
 * What a media file looked like when a backup read it: size, modification and change times (ns)
 * and identity (device, inode). The change time cannot be set back by a program (unlike the
 * modification time), and a file replaced by another gets a new inode.
 */
const signatureSchema = z.object({ size: z.string(), mtimeNs: z.string(), ctimeNs: z.string(), ino: z.string(), dev: z.string() });
export type FileSignature = z.infer<typeof signatureSchema>;

/** The signatures a backup read its media with, on this device only: `<dataDir>/sync-backup/media-index.json`. */
const mediaIndexSchema = z.object({
  version: z.literal(1),
  /** The backup whose manifest holds these files' chunks (its client id, unique per backup). */
  backupKey: z.string(),
  files: z.record(z.string(), signatureSchema),
});
export type MediaIndex = z.infer<typeof mediaIndexSchema>;

export const MEDIA_INDEX_FILE = 'media-index.json';

/**
 * A file changed this close (ms) before its signature was taken is read again by the next
 * backup: a second write within the same timestamp tick would leave size and times unchanged.
 * 2 s covers the coarsest timestamps in use (FAT); ext4, APFS and NTFS tick in ms or less.
 */
export const RACY_MS = 2000;

/** The signature of `file` now; null when it is too fresh to be trusted later (see {@link RACY_MS}). */
export async function signatureOf(file: string, now: number): Promise<FileSignature | null> {
  const s = await stat(file, { bigint: true });
  const limit = BigInt(now - RACY_MS) * 1_000_000n;
  if (s.mtimeNs >= limit || s.ctimeNs >= limit) return null;
  return { size: String(s.size), mtimeNs: String(s.mtimeNs), ctimeNs: String(s.ctimeNs), ino: String(s.ino), dev: String(s.dev) };
}

const same = (a: FileSignature, b: FileSignature) => a.size === b.size && a.mtimeNs === b.mtimeNs && a.ctimeNs === b.ctimeNs && a.ino === b.ino && a.dev === b.dev;

export async function loadMediaIndex(file: string): Promise<MediaIndex | null> {
  try {
    const parsed = mediaIndexSchema.safeParse(JSON.parse(await readFile(file, 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Written whole (temporary file, then rename). */
export async function saveMediaIndex(file: string, index: MediaIndex): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const temporary = `${file}.tmp`;
  await writeFile(temporary, JSON.stringify(index), { mode: 0o600 });
  await rename(temporary, file);
}

/** The media split into files the parent already holds unchanged (their entries taken from it) and files to read. */
export interface MediaPlan {
  /** Reused files, each with its chunk entries (pack indexes as in the parent's manifest). */
  reused: Array<{ file: Omit<ManifestFile, 'first' | 'count'>; entries: ChunkEntry[] }>;
  toRead: PackSource[];
  /** Every media file's signature now (null: too fresh), for the index this backup leaves. */
  signatures: Map<string, FileSignature | null>;
}

/**
 * Decides which media files need reading. A file is reused only when this device's index
 * describes the parent backup itself (same backup key), the parent lists the file at the same
 * size, and its signature now equals the one it had when that backup read it; anything else —
 * another device's parent, a missing index, a changed time, size or inode — reads it again.
 */
export async function planMedia(input: {
  media: readonly PackSource[];
  parent: BackupManifest | null;
  parentEntries: readonly ChunkEntry[];
  index: MediaIndex | null;
  now: number;
}): Promise<MediaPlan> {
  const signatures = new Map<string, FileSignature | null>();
  await Promise.all(input.media.map(async (source) => signatures.set(source.path, await signatureOf(source.file, input.now))));
  const usable = input.parent && input.index?.backupKey === input.parent.backupKey ? input.index : null;
  const parentFiles = new Map((input.parent?.files ?? []).map((file) => [file.path, file]));
  const plan: MediaPlan = { reused: [], toRead: [], signatures };
  for (const source of input.media) {
    const now = signatures.get(source.path);
    const before = usable?.files[source.path];
    const listed = parentFiles.get(source.path);
    if (now && before && listed && same(now, before) && String(listed.size) === now.size) {
      plan.reused.push({ file: { path: listed.path, size: listed.size, hash: listed.hash }, entries: input.parentEntries.slice(listed.first, listed.first + listed.count) });
    } else plan.toRead.push(source);
  }
  return plan;
}

/** The index a backup leaves: every media file it holds whose signature can be trusted. */
export function mediaIndexOf(backupKey: string, signatures: ReadonlyMap<string, FileSignature | null>): MediaIndex {
  const files: Record<string, FileSignature> = {};
  for (const [file, signature] of signatures) if (signature) files[file] = signature;
  return { version: 1, backupKey, files };
}
