import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { AppError, ErrorCode } from '../../../../shared/ipc/errors';
import { BLOB_READ_BYTES, decryptBlobStream, type SodiumPort } from '../crypto';

export interface StagedPackCheck {
  sodium: SodiumPort;
  /** The staged pack on disk. */
  file: string;
  /** The size its state file recorded when it was written. */
  size: number;
  key: Uint8Array;
  context: Uint8Array;
}

/**
 * Whether a staged pack found on disk is still the whole pack its state file describes: the
 * right size, and every chunk opens under the pack key up to the FINAL one. The pack is not
 * flushed when written (an fsync of a 256 MB file that can be made again costs more than the
 * rest of the pack): a killed app leaves it whole in the page cache, but a system crash or a
 * power cut can leave holes or a short file behind a state file that survived. Such a pack is
 * reported here, before a byte of it is uploaded, and is packed again.
 */
export async function stagedPackIsWhole(check: StagedPackCheck): Promise<boolean> {
  try {
    if ((await stat(check.file)).size !== check.size) return false;
    const source = createReadStream(check.file, { highWaterMark: BLOB_READ_BYTES + 64 * 1024 });
    for await (const plaintext of decryptBlobStream(source, { sodium: check.sodium, key: check.key, context: check.context })) void plaintext;
    return true;
  } catch (error) {
    if (error instanceof AppError && (error.code === ErrorCode.TAMPERED || error.code === ErrorCode.TRUNCATED)) return false;
    if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return false;
    throw error;
  }
}
