import { Limits } from '../models/common';
import { MAX_DOCUMENT_DEPTH } from '../models/document';
import { ErrorCode, type AppErrorShape } from './errors';
import { contract, isMethodName } from './contract';

const MiB = 1024 * 1024;

/**
 * Size classes of a browser-mode frame (the whole serialised call, in UTF-8 bytes). Frames are
 * read before their input is parsed, so these bound what one request can cost the core.
 *
 * Each contract entry names its class (`frame`, small by default).
 *
 * - `large`: a scene save. The schema caps a document at `Limits.documentBytes` characters of
 *   JSON; at up to three UTF-8 bytes a character (CJK text), plus the envelope.
 * - `small`: everything else. The largest other inputs are an inline action's three 100k-character
 *   fields; even JSON-escaped at six bytes a character they stay under 2 MiB.
 */
export const FrameLimits = {
  small: 4 * MiB,
  large: 3 * Limits.documentBytes + 64 * 1024,
} as const;


/**
 * How deep a frame's JSON may nest: a document of {@link MAX_DOCUMENT_DEPTH} levels takes two
 * JSON levels per node (the node and its `content` array), plus marks and the call envelope.
 * Anything deeper cannot be a valid call, and is refused before `JSON.parse` builds it.
 */
export const MAX_FRAME_DEPTH = 2 * MAX_DOCUMENT_DEPTH + 32;

/** The byte limit of a method's frames, from its contract entry (unknown names get the small class). */
export function frameLimitFor(method: string): number {
  const spec: { frame?: 'small' | 'large' } | undefined = isMethodName(method) ? contract[method] : undefined;
  return spec?.frame === 'large' ? FrameLimits.large : FrameLimits.small;
}

/** UTF-8 length of a string without encoding it (a lone surrogate counts as U+FFFD, as encoders write it). */
export function utf8ByteLength(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i += 1) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) bytes += 1;
    else if (unit < 0x800) bytes += 2;
    else if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4;
      i += 1;
    } else bytes += 3;
  }
  return bytes;
}

const mb = (bytes: number) => {
  const value = bytes / MiB;
  return value >= 10 ? Math.round(value).toString() : value.toFixed(1);
};

/**
 * The error for a frame over its method's class, or null when it fits. Both ends use it: the
 * page before sending (so an oversized save is a typed error, not a dropped connection), the
 * core on receipt.
 */
export function checkFrameSize(method: string, bytes: number): AppErrorShape | null {
  const limit = frameLimitFor(method);
  if (bytes <= limit) return null;
  const message =
    method === 'scene.save' || method === 'scene.doc.push'
      ? `This scene is too large to save (${mb(bytes)} MB; at most ${mb(limit)} MB can be saved at once). Split it into smaller scenes.`
      : `This request is too large for Nova Studio (${mb(bytes)} MB; the limit is ${mb(limit)} MB).`;
  return { code: ErrorCode.TOO_LARGE, message, retryable: false };
}
