import type { S3Client } from '@aws-sdk/client-s3';
import type { Sha256State } from './resumable-sha256';
import { getJson, listAll, putJson } from './s3-objects';

/** A part of the S3 multipart upload behind an upload. */
export interface StoredPart {
  number: number;
  size: number;
  etag: string;
}

/**
 * What an upload's `state.json` records, rewritten after each part: the multipart upload's id,
 * its parts in order and the SHA-256 state over their bytes. S3 strong read-after-write makes
 * the latest write the one read back after a restart.
 */
export interface UploadState {
  multipartId: string | null;
  parts: StoredPart[];
  hash: Sha256State | null;
  /** Set once the bytes hashed to the expected SHA-256 and the multipart upload is being completed. */
  completing: { sha256: string; size: number } | null;
}

/** A chunk stored whole as its own object until enough bytes gather for a part. */
export interface PendingChunk {
  key: string;
  offset: number;
  size: number;
}

export interface LoadedUpload {
  state: UploadState;
  /** Bytes in the parts. */
  partsEnd: number;
  /** The pending chunks that continue the parts without a gap, in order. */
  pending: PendingChunk[];
  /** Objects of this upload no longer needed (chunks already folded into a part). */
  stale: string[];
  /** The durable offset: the parts' bytes plus the pending chunks'. */
  offset: number;
}

const EMPTY: UploadState = { multipartId: null, parts: [], hash: null, completing: null };
/** Pending chunk objects are named by their start offset, zero-padded so a name sort is an offset sort. */
const OFFSET_DIGITS = 16;

/** Object names of one upload under `<prefix>uploads/<key>/`. */
export function uploadLayout(prefix: string, key: string): { dir: string; state: string; pending: (offset: number) => string } {
  const dir = `${prefix}uploads/${key}/`;
  return {
    dir,
    state: `${dir}state.json`,
    pending: (offset) => `${dir}pending/${String(offset).padStart(OFFSET_DIGITS, '0')}`,
  };
}

/**
 * Rebuilds an upload's state from S3 alone (its state object and a listing of its folder), so
 * any endpoint instance — or the same one after a restart — resumes it where it stood. A part
 * uploaded but not yet recorded in the state is simply sent again (same part number: S3
 * replaces it); chunks already folded into a recorded part are ignored and removed later.
 */
export async function loadUpload(client: S3Client, bucket: string, prefix: string, key: string): Promise<LoadedUpload> {
  const layout = uploadLayout(prefix, key);
  const [state, objects] = await Promise.all([getJson<UploadState>(client, bucket, layout.state), listAll(client, bucket, `${layout.dir}pending/`)]);
  const current = state ?? EMPTY;
  const partsEnd = current.parts.reduce((sum, part) => sum + part.size, 0);
  const chunks = objects
    .map((object) => ({ key: object.key, offset: Number(object.key.slice(object.key.lastIndexOf('/') + 1)), size: object.size }))
    .sort((a, b) => a.offset - b.offset);
  const pending: PendingChunk[] = [];
  const stale: string[] = [];
  let offset = partsEnd;
  for (const chunk of chunks) {
    if (chunk.offset < partsEnd) stale.push(chunk.key);
    else if (chunk.offset === offset) {
      pending.push(chunk);
      offset += chunk.size;
    }
  }
  return { state: current, partsEnd, pending, stale, offset };
}

export async function saveUploadState(client: S3Client, bucket: string, prefix: string, key: string, state: UploadState): Promise<void> {
  await putJson(client, bucket, uploadLayout(prefix, key).state, state);
}
