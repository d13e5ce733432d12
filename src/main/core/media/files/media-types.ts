import path from 'node:path';

/**
 * The MIME types of the files the media pipeline makes or imports. Anything else is served as
 * `application/octet-stream` (with `nosniff`, so a browser never guesses a type that runs).
 */
const MEDIA_TYPES: Readonly<Record<string, string>> = {
  '.mp4': 'video/mp4',
  '.webm': 'video/webm',
  '.wav': 'audio/wav',
  '.mp3': 'audio/mpeg',
  '.m4a': 'audio/mp4',
  '.aac': 'audio/aac',
  '.ogg': 'audio/ogg',
  '.flac': 'audio/flac',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.gif': 'image/gif',
  '.srt': 'application/x-subrip; charset=utf-8',
  '.vtt': 'text/vtt; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
};

export const FALLBACK_MEDIA_TYPE = 'application/octet-stream';

/** The MIME type of a media file by its extension (case-insensitive). */
export function mediaTypeOf(file: string): string {
  return MEDIA_TYPES[path.extname(file).toLowerCase()] ?? FALLBACK_MEDIA_TYPE;
}
