import type { AudioEncoding, VideoEncoding } from './ffmpeg-args';

/** The formats a writer can render to. */
export const RenderProfileId = {
  YOUTUBE_1080P: 'youtube-1080p',
  YOUTUBE_720P: 'youtube-720p',
  SHORTS_1080X1920: 'shorts-1080x1920',
} as const;
export type RenderProfileId = (typeof RenderProfileId)[keyof typeof RenderProfileId];

/** Frame size, rate and the final encode of one format. */
export interface RenderProfile {
  readonly id: RenderProfileId;
  readonly width: number;
  readonly height: number;
  readonly fps: number;
  /** The one lossy encode of the final frames. */
  readonly video: VideoEncoding;
  readonly audio: AudioEncoding;
}

// veryfast: measured ~23 s for 60 s of 1080p here, the budget the final render is held to.
// CRF 20 keeps text and stills crisp at a size that uploads comfortably.
const finalVideo = (crf: number): VideoEncoding => ({ codec: 'libx264', preset: 'veryfast', crf, pixelFormat: 'yuv420p' });
// ffmpeg's AAC encoder with its fast coder and no mid/side search: 0.89 CPU-s for 66 s of espeak
// narration over music against 2.87 with its defaults (twoloop, M/S on), measured here; the
// soundtrack is encoded while the pieces draw, so its CPU is taken from theirs. At 192 kb/s the
// error against the source is −68 dB RMS against −58 with the defaults (twoloop shapes more noise
// under the masking threshold by design), the signal −25. No listening test has been made.
const finalAudio: AudioEncoding = { codec: 'aac', bitrate: '192k', sampleRate: 48_000, channels: 2, encoderOptions: { aac_coder: 'fast', aac_ms: 0 } };

/** The three supported formats, by id. */
export const RENDER_PROFILES: Readonly<Record<RenderProfileId, RenderProfile>> = {
  'youtube-1080p': { id: 'youtube-1080p', width: 1920, height: 1080, fps: 30, video: finalVideo(20), audio: finalAudio },
  'youtube-720p': { id: 'youtube-720p', width: 1280, height: 720, fps: 30, video: finalVideo(21), audio: finalAudio },
  'shorts-1080x1920': { id: 'shorts-1080x1920', width: 1080, height: 1920, fps: 30, video: finalVideo(20), audio: finalAudio },
};

/**
 * Intermediate segments are encoded losslessly (x264 at qp 0, `ultrafast`: cheap to write and
 * to decode) so the final frames are lossy-encoded exactly once.
 */
export const INTERMEDIATE_VIDEO: VideoEncoding = { codec: 'libx264', preset: 'ultrafast', qp: 0, pixelFormat: 'yuv420p' };

/** A profile with another frame size: tests render the same motion at 320×180 in a moment. */
export function scaledProfile(profile: RenderProfile, width: number, height: number): RenderProfile {
  if (width % 2 !== 0 || height % 2 !== 0) throw new Error('yuv420p needs an even width and height.');
  return { ...profile, width, height };
}
