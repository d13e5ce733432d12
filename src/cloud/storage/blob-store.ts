import type { Readable } from 'node:stream';

/**
 * The blob store: bytes of uploads in progress and of finished blobs, addressed by opaque keys
 * (`<account>/<id>`). An upload is a sequence of chunks, each stored whole or not at all (the
 * folder adapter writes a temporary file and renames it; an S3 adapter puts one object per
 * chunk), so after a crash the durable offset is the end of the last stored chunk and the
 * client resumes there. `complete` assembles the chunks into the blob, hashing as it goes, and
 * only then makes the blob visible: a crash mid-upload or mid-complete never leaves a corrupt
 * blob, only a resumable upload.
 */
export interface BlobStore {
  /** Checks the store is writable (for `/healthz`). Throws when it is not. */
  ping(): Promise<void>;

  /** The durable offset of an upload: the bytes stored so far (0 for a new or unknown upload). */
  uploadOffset(uploadKey: string): Promise<number>;
  /**
   * Stores `body` as the chunk starting at `offset`, which must equal the durable offset (the
   * caller checked it; a race re-checks here and throws `OffsetMismatchError`). At most
   * `maxBytes` are accepted (`ChunkTooLargeError` beyond). Returns the new durable offset. If the
   * body stream fails midway, nothing of this chunk is kept.
   */
  appendChunk(uploadKey: string, offset: number, body: Readable, maxBytes: number): Promise<number>;
  /**
   * Assembles the upload's chunks into the blob `blobKey` and returns the SHA-256 (hex) and size
   * of what was assembled. When `expectedSha256` differs, nothing is published, the chunks are
   * kept (the caller decides) and `ChecksumMismatchError` is thrown.
   */
  complete(uploadKey: string, blobKey: string, expectedSha256: string): Promise<{ size: number; sha256: string }>;
  /** Removes an upload's chunks (after completion or when abandoned). */
  discardUpload(uploadKey: string): Promise<void>;

  /** A stream of the blob's bytes `[start, end]` inclusive, or all of it. */
  read(blobKey: string, range?: { start: number; end: number }): Promise<Readable>;
  /** Removes a blob; removing a missing blob is not an error. */
  delete(blobKey: string): Promise<void>;
}

/** The offset a chunk claimed is not the upload's durable offset. */
export class OffsetMismatchError extends Error {
  constructor(readonly currentOffset: number) {
    super(`The upload is at byte ${currentOffset}.`);
  }
}

/** A chunk carried more bytes than the upload has left. */
export class ChunkTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`The chunk is larger than the ${maxBytes} bytes the upload has left.`);
  }
}

/** The assembled bytes do not hash to what the client computed. */
export class ChecksumMismatchError extends Error {
  constructor(readonly actualSha256: string) {
    super('The uploaded bytes do not match the checksum sent.');
  }
}
