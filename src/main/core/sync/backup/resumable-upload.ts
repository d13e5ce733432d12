import { open } from 'node:fs/promises';
import { OffsetMismatch, type BackupTransport } from './backup-ports';

/** Bytes per PATCH: big enough that a request's overhead is noise, small enough that a cut loses little. */
export const UPLOAD_PIECE_BYTES = 8 * 1024 * 1024;

export interface ResumableUploadInput {
  transport: BackupTransport;
  uploadId: string;
  /** The staged file whose bytes are uploaded (the same bytes on every attempt). */
  file: string;
  size: number;
  signal: AbortSignal;
  /** The server's durable offset after each piece (persist it; show it). */
  onOffset(offset: number): void;
  pieceBytes?: number;
}

/**
 * Uploads a staged file from the server's durable offset (asked first, so an upload cut by a
 * crash, a kill or a lost connection resumes where the server has bytes, not from zero). A piece
 * refused with OFFSET_MISMATCH continues from the offset the server names.
 */
export async function uploadFrom(input: ResumableUploadInput): Promise<void> {
  const pieceBytes = input.pieceBytes ?? UPLOAD_PIECE_BYTES;
  let offset = (await input.transport.uploadStatus(input.uploadId)).offset;
  input.onOffset(offset);
  const handle = await open(input.file, 'r');
  try {
    const buffer = new Uint8Array(pieceBytes);
    while (offset < input.size) {
      input.signal.throwIfAborted();
      const { bytesRead } = await handle.read(buffer, 0, Math.min(pieceBytes, input.size - offset), offset);
      if (bytesRead === 0) throw new Error('the staged backup file is shorter than its upload');
      try {
        offset = await input.transport.appendChunk(input.uploadId, offset, buffer.subarray(0, bytesRead), input.signal);
      } catch (error) {
        if (!(error instanceof OffsetMismatch)) throw error;
        offset = error.currentOffset;
      }
      input.onOffset(offset);
    }
  } finally {
    await handle.close();
  }
}
