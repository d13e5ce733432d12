import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import { OffsetMismatch, type BackupTransport } from './backup-ports';

/** Bytes per PATCH: big enough that a request's overhead is noise, small enough that a cut loses little. */
export const UPLOAD_PIECE_BYTES = 8 * 1024 * 1024;

export interface ResumableUploadInput {
  transport: BackupTransport;
  uploadId: string;
  /** Where the server's upload stands: just asked for (a resumed upload), or 0 as created. */
  offset: number;
  /** The staged file whose bytes are uploaded (the same bytes on every attempt). */
  file: string;
  size: number;
  signal: AbortSignal;
  /** The server's durable offset after each piece (persist it; show it). */
  onOffset(offset: number): void;
  pieceBytes?: number;
}

/**
 * Uploads a staged file from the server's durable offset (asked by the caller first, so an upload
 * cut by a crash, a kill or a lost connection resumes where the server has bytes, not from zero). A piece
 * refused with OFFSET_MISMATCH continues from the offset the server names. Resolves with the
 * SHA-256 of the whole file, computed while reading it for the upload (bytes the server already
 * had are read and hashed from the staged file first) — the check `completeUpload` sends.
 */
export async function uploadFrom(input: ResumableUploadInput): Promise<string> {
  const pieceBytes = input.pieceBytes ?? UPLOAD_PIECE_BYTES;
  let offset = input.offset;
  input.onOffset(offset);
  const handle = await open(input.file, 'r');
  const sha = createHash('sha256');
  let hashed = 0;
  try {
    const buffer = new Uint8Array(pieceBytes);
    const read = async (at: number, length: number) => {
      const { bytesRead } = await handle.read(buffer, 0, length, at);
      if (bytesRead === 0) throw new Error('the staged backup file is shorter than its upload');
      return buffer.subarray(0, bytesRead);
    };
    const hashUpTo = async (end: number) => {
      while (hashed < end) {
        const bytes = await read(hashed, Math.min(pieceBytes, end - hashed));
        sha.update(bytes);
        hashed += bytes.length;
      }
    };
    while (offset < input.size) {
      input.signal.throwIfAborted();
      await hashUpTo(offset);
      const piece = await read(offset, Math.min(pieceBytes, input.size - offset));
      if (offset === hashed) {
        sha.update(piece);
        hashed += piece.length;
      }
      try {
        offset = await input.transport.appendChunk(input.uploadId, offset, piece, input.signal);
      } catch (error) {
        if (!(error instanceof OffsetMismatch)) throw error;
        offset = error.currentOffset;
      }
      input.onOffset(offset);
    }
    await hashUpTo(input.size);
    return sha.digest('hex');
  } finally {
    await handle.close();
  }
}
