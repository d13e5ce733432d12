import { mixFinalAudio, type FinalMixRequest } from './audio-mix';
import { createFfmpegLocator, defaultFfmpegLocatorDeps, type FfmpegLocator } from './ffmpeg-locator';
import { createFfmpegRunner, type FfmpegRunner, type FfmpegRunnerDeps } from './ffmpeg-runner';
import { probeMedia, type MediaInfo } from './ffprobe-reader';
import { measureLoudness, normaliseLoudness, type LoudnessMeasurement, type NormaliseOptions } from './loudness';
import { renderThumbnail, type ThumbnailRequest } from './thumbnail';
import { renderStillSegment, type StillSegmentRequest } from './segment-renderer';

/** The media pipeline's use of ffmpeg: probing, loudness, segments. Every call can be cancelled. */
export interface FfmpegService {
  /** The runner underneath, for stages built with the argument builder. */
  readonly runner: FfmpegRunner;
  probe(file: string, signal?: AbortSignal): Promise<MediaInfo>;
  measureLoudness(file: string, signal?: AbortSignal): Promise<LoudnessMeasurement>;
  normaliseLoudness(input: string, output: string, options: NormaliseOptions): Promise<void>;
  renderStillSegment(request: StillSegmentRequest): Promise<void>;
  /** Narration + ducked music, normalised to −14 LUFS / −1 dBTP. */
  mixFinalAudio(request: FinalMixRequest): Promise<void>;
  /** A frame with the title in a readable box, PNG or JPEG at the profile's size. */
  renderThumbnail(request: ThumbnailRequest): Promise<void>;
}

/** Dependencies of {@link createFfmpegService}; the locator defaults to the real environment. */
export interface FfmpegServiceDeps extends Partial<Pick<FfmpegRunnerDeps, 'timers' | 'removeFile'>> {
  readonly locator?: FfmpegLocator;
}

/** Creates the service; ffmpeg is located on first use, so a missing binary fails the call, not start-up. */
export function createFfmpegService(deps: FfmpegServiceDeps = {}): FfmpegService {
  const runner = createFfmpegRunner({
    locator: deps.locator ?? createFfmpegLocator(defaultFfmpegLocatorDeps()),
    ...(deps.timers ? { timers: deps.timers } : {}),
    ...(deps.removeFile ? { removeFile: deps.removeFile } : {}),
  });
  return {
    runner,
    probe: (file, signal) => probeMedia(runner, file, signal),
    measureLoudness: (file, signal) => measureLoudness(runner, file, signal),
    normaliseLoudness: (input, output, options) => normaliseLoudness(runner, input, output, options),
    renderStillSegment: (request) => renderStillSegment(runner, request),
    mixFinalAudio: (request) => mixFinalAudio(runner, request),
    renderThumbnail: (request) => renderThumbnail(runner, request),
  };
}
