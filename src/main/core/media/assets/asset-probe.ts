import path from 'node:path';
import { AppError, ErrorCode } from '../../../../shared/ipc/errors';
import type { MediaAssetKind } from '../../../../shared/models/media';
import type { MediaInfo } from '../ffmpeg';

/** What an imported file turned out to be, read from ffprobe's answer. */
export interface AssetFacts {
  kind: MediaAssetKind;
  mimeType: string;
  /** The stored file's extension, with its dot. */
  extension: string;
  width: number | null;
  height: number | null;
  durationSec: number | null;
}

/** Still-image codecs: a file with one such stream is an image; beside audio it is cover art. */
const IMAGE_CODECS: Record<string, { mimeType: string; extension: string }> = {
  png: { mimeType: 'image/png', extension: '.png' },
  mjpeg: { mimeType: 'image/jpeg', extension: '.jpg' },
  webp: { mimeType: 'image/webp', extension: '.webp' },
  bmp: { mimeType: 'image/bmp', extension: '.bmp' },
  gif: { mimeType: 'image/gif', extension: '.gif' },
  tiff: { mimeType: 'image/tiff', extension: '.tiff' },
};

/** Audio containers by ffprobe's format name (its first name when it lists several). */
const AUDIO_FORMATS: Record<string, { mimeType: string; extension: string }> = {
  wav: { mimeType: 'audio/wav', extension: '.wav' },
  mp3: { mimeType: 'audio/mpeg', extension: '.mp3' },
  ogg: { mimeType: 'audio/ogg', extension: '.ogg' },
  flac: { mimeType: 'audio/flac', extension: '.flac' },
  mov: { mimeType: 'audio/mp4', extension: '.m4a' },
  aiff: { mimeType: 'audio/aiff', extension: '.aiff' },
  matroska: { mimeType: 'audio/webm', extension: '.webm' },
};

export const notMediaMessage = (fileName: string) => `“${fileName}” is not an image or a sound file the studio can read (try PNG, JPEG or WebP images, and WAV, MP3, OGG, FLAC or M4A sound).`;

/**
 * Classifies a probed file as an image (one still-image stream: its size) or audio (an audio
 * stream, cover art allowed: its duration). Anything else — a video, a document, a broken file —
 * is refused with `INVALID_INPUT` naming the file.
 */
export function classifyAsset(info: MediaInfo, fileName: string): AssetFacts {
  const video = info.streams.filter((s) => s.type === 'video');
  const audio = info.streams.filter((s) => s.type === 'audio');
  const stills = video.filter((s) => IMAGE_CODECS[s.codec] !== undefined);
  if (audio.length === 0 && video.length === 1 && stills.length === 1) {
    const [still] = stills;
    const image = IMAGE_CODECS[still?.codec ?? ''];
    if (still && image && (still.width ?? 0) > 0 && (still.height ?? 0) > 0) {
      return { kind: 'image', ...image, width: still.width ?? null, height: still.height ?? null, durationSec: null };
    }
  }
  if (audio.length > 0 && stills.length === video.length && info.durationS > 0) {
    const format = AUDIO_FORMATS[info.formatName.split(',')[0] ?? ''];
    const extension = format?.extension ?? (path.extname(fileName).toLowerCase() || '.audio');
    return { kind: 'audio', mimeType: format?.mimeType ?? 'application/octet-stream', extension, width: null, height: null, durationSec: info.durationS };
  }
  // ffprobe reads any text as a `tty` "video" of ANSI art: that is not a video, just not media.
  const moving = video.filter((s) => IMAGE_CODECS[s.codec] === undefined && s.codec !== 'ansi');
  if (moving.length > 0 && info.formatName !== 'tty') throw new AppError(ErrorCode.INVALID_INPUT, `“${fileName}” is a video; import an image or a sound file instead.`);
  throw new AppError(ErrorCode.INVALID_INPUT, notMediaMessage(fileName));
}
