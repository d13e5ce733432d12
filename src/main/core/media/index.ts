/**
 * The media domain: what turns a script into a narrated video. Its public surface, kept small
 * and alphabetical.
 */
export { escapeSrtLine, escapeVttLine, parseSrt, parseVtt, srtTimestamp, toSrt, toVtt, vttTimestamp } from './captions';
export { buildCues, captionLayoutSchema, timeWords } from './captions';
export type { CaptionLayout, Cue, SpokenSentence, TimedWord } from './captions';
export { buildMixGraph } from './ffmpeg/audio-mix';
export type { FinalMixRequest, MusicBed } from './ffmpeg/audio-mix';
export { captionStyleFor, toAss } from './ffmpeg/caption-style';
export type { CaptionStyle } from './ffmpeg/caption-style';
export { buildFfmpegArgs } from './ffmpeg/ffmpeg-args';
export type { FfmpegCommand, FfmpegInput, FfmpegOutput } from './ffmpeg/ffmpeg-args';
export { createFfmpegLocator, defaultFfmpegLocatorDeps } from './ffmpeg/ffmpeg-locator';
export type { FfmpegBinaries, FfmpegLocator, FfmpegLocatorDeps } from './ffmpeg/ffmpeg-locator';
export type { FfmpegRunner, FfmpegRunRequest } from './ffmpeg/ffmpeg-runner';
export { createFfmpegService } from './ffmpeg/ffmpeg.service';
export type { FfmpegService, FfmpegServiceDeps } from './ffmpeg/ffmpeg.service';
export type { MediaInfo, MediaStream } from './ffmpeg/ffprobe-reader';
export type { FinalAssemblyRequest, FinalCaptions } from './ffmpeg/final-assembly';
export { createFilterGraph, filter, renderFilter } from './ffmpeg/filter-graph';
export type { FilterGraph, FilterSpec } from './ffmpeg/filter-graph';
export { FINAL_MIX_TARGET } from './ffmpeg/loudness';
export type { LoudnessMeasurement, LoudnessTarget } from './ffmpeg/loudness';
export type { FfmpegProgress } from './ffmpeg/progress-parser';
export { RENDER_PROFILES, RenderProfileId } from './ffmpeg/render-profiles';
export type { RenderProfile } from './ffmpeg/render-profiles';
export { crossfadedDuration } from './ffmpeg/segment-renderer';
export type { CrossfadeRequest, SegmentFile, StillSegmentRequest } from './ffmpeg/segment-renderer';
export { thumbnailFontPx, wrapTitle } from './ffmpeg/thumbnail';
export type { ThumbnailRequest } from './ffmpeg/thumbnail';
export { composeTts, FALLBACK_VOICES } from './tts';
export type { TtsConfig, TtsStack } from './tts';
export { createEspeakEngine } from './tts';
export type { EspeakEngineOptions } from './tts';
export { createNarrator } from './tts';
export type { Narration, NarrateInput, Narrator, TimedSentence } from './tts';
export { createOpenAISpeechEngine } from './tts';
export type { OpenAISpeechEngineOptions } from './tts';
export { segmentSentences } from './tts';
export type { Sentence } from './tts';
export { createTtsCache, TTS_CACHE_FOLDER } from './tts';
export type { TtsCache } from './tts';
export { TTS_ENGINE_IDS, ttsEngineIdSchema, voiceProfileSchema } from './tts';
export type { TtsEngine, TtsEngineId, TtsVoice, VoiceProfile } from './tts';
export { createTtsService } from './tts';
export type { SpokenText, TtsService } from './tts';
export { MEDIA_FOLDERS } from './media-files.port';
export type { MediaFiles } from './media-files.port';
