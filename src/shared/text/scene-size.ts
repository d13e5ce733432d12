import { AppError, ErrorCode } from '../ipc/errors';
import { Limits } from '../models/common';

/**
 * The largest scene Nova Studio stores: its serialized document, in UTF-8 bytes. About a
 * million words of plain prose; a whole manuscript pasted into one scene fits, and the save
 * stays well under the transports' frame caps, so an oversized save is always answered with
 * SCENE_TOO_LARGE rather than a dropped connection.
 */
export const SCENE_MAX_BYTES = Limits.documentBytes;

/** The UTF-8 size of `text`, without encoding it. Linear, no allocation. */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4; // a surrogate pair: one code point beyond the BMP
      i += 1;
    } else bytes += 3;
  }
  return bytes;
}

const MB = 1024 * 1024;

/** "9.3 MB", "8 MB": one decimal below 10 MB, none above; never rounded down to the limit. */
function megabytes(bytes: number): string {
  const value = bytes / MB;
  if (value >= 10) return `${Math.ceil(value)} MB`;
  return `${(Math.ceil(value * 10) / 10).toString()} MB`;
}

/** The error of a save whose serialized document has `bytes` UTF-8 bytes, above {@link SCENE_MAX_BYTES}. */
export function sceneTooLarge(bytes: number): AppError {
  return new AppError(
    ErrorCode.SCENE_TOO_LARGE,
    `This scene is too large to save (${megabytes(bytes)}, the limit is ${megabytes(SCENE_MAX_BYTES)}): split it into smaller scenes.`,
  );
}

/** The error to answer a save of `serialized` (a document's JSON) with, or null when it fits. */
export function checkSceneSize(serialized: string): AppError | null {
  // Each UTF-16 unit is at least one UTF-8 byte: most saves are decided without a full pass.
  if (serialized.length > SCENE_MAX_BYTES) return sceneTooLarge(utf8Length(serialized));
  if (serialized.length * 3 <= SCENE_MAX_BYTES) return null;
  const bytes = utf8Length(serialized);
  return bytes > SCENE_MAX_BYTES ? sceneTooLarge(bytes) : null;
}
