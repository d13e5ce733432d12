/** ffmpeg: the typed argument builder, runner, probe, loudness, motion, mix, captions style and thumbnail (the media domain's ffmpeg part). */
export * from './audio-mix';
export * from './caption-images';
export * from './caption-style';
export * from './ffmpeg-args';
export * from './ffmpeg-locator';
export * from './ffmpeg-runner';
export * from './ffmpeg.service';
export * from './ffprobe-reader';
export * from './filter-graph';
export * from './ken-burns';
export * from './loudness';
export * from './progress-parser';
export * from './render-profiles';
export * from './segment-renderer';
export * from './thumbnail';
