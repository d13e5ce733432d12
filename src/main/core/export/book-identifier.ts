import { createHash } from 'node:crypto';

function uuidBytes(uuid: string): Buffer {
  return Buffer.from(uuid.replace(/-/g, ''), 'hex');
}

function formatUuid(bytes: Buffer): string {
  const hex = bytes.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** A name-based UUID (RFC 9562 version 5) of `name` in the `namespace` UUID. */
export function uuidV5(namespace: string, name: string): string {
  const hash = createHash('sha1').update(uuidBytes(namespace)).update(name, 'utf8').digest();
  hash[6] = ((hash[6] ?? 0) & 0x0f) | 0x50;
  hash[8] = ((hash[8] ?? 0) & 0x3f) | 0x80;
  return formatUuid(hash);
}

/**
 * The identifier of an exported book (EPUB `dc:identifier`), which readers use to tell books
 * apart: the project's own id, so two projects with one title stay two books and a re-export
 * updates the same book. An export of some chapters is another book, named by the project and
 * the set of chapters, so it never replaces the whole one.
 */
export function bookIdentifier(projectId: string, chapterIds?: readonly string[]): string {
  if (chapterIds === undefined) return `urn:uuid:${projectId.toLowerCase()}`;
  const chapters = [...new Set(chapterIds.map((id) => id.toLowerCase()))].sort().join(',');
  return `urn:uuid:${uuidV5(projectId, `chapters:${chapters}`)}`;
}
