/**
 * The media domain: what turns a script into a narrated video. Its public surface, kept small
 * and alphabetical.
 */
export { escapeSrtLine, escapeVttLine, parseSrt, parseVtt, srtTimestamp, toSrt, toVtt, vttTimestamp } from './captions';
export { buildCues, captionLayoutSchema, timeWords } from './captions';
export type { CaptionLayout, Cue, SpokenSentence, TimedWord } from './captions';
export { classifyAsset, createAssetRepo, createAssetService, UPLOAD_ABANDONED_MS } from './assets';
export type { AssetFacts, AssetRepo, AssetRow, AssetService, AssetServiceDeps } from './assets';
export { buildFfmpegArgs, buildMixGraph, captionStyleFor, createFfmpegLocator, createFfmpegService, createFilterGraph, defaultFfmpegLocatorDeps, filter, FINAL_MIX_TARGET, RENDER_PROFILES, renderFilter, RenderProfileId, thumbnailFontPx, toAss, wrapTitle } from './ffmpeg';
export type { CaptionStyle, FfmpegBinaries, FfmpegCommand, FfmpegInput, FfmpegLocator, FfmpegLocatorDeps, FfmpegOutput, FfmpegProgress, FfmpegRunner, FfmpegRunRequest, FfmpegService, FfmpegServiceDeps, FilterGraph, FilterSpec, FinalMixRequest, LoudnessMeasurement, LoudnessTarget, MediaInfo, MediaStream, MusicBed, RenderProfile, StillSegmentRequest, ThumbnailRequest, VideoEncoding } from './ffmpeg';
export { composeTts, createEspeakEngine, createEspeakPhonemizer, createNarrator, createOpenAISpeechEngine, createPiperEngine, createPiperVoiceStore, createPiperWorkerClient, createTtsCache, createTtsService, DEFAULT_VOICE_CATALOGUE_URL, defaultPiperWorkerUrl, FALLBACK_VOICES, segmentSentences, TTS_CACHE_FOLDER, TTS_ENGINE_IDS, ttsEngineIdSchema, voiceProfileSchema } from './tts';
export type { EspeakEngineOptions, InstalledPiperVoice, NarrateInput, Narration, Narrator, OpenAISpeechEngineOptions, PiperVoiceStore, PiperWorkerClient, Sentence, SpokenText, TimedSentence, TtsCache, TtsConfig, TtsEngine, TtsEngineId, TtsService, TtsStack, TtsVoice, VoiceProfile } from './tts';
export { createVoicesService } from './voices/voices.service';
export type { VoicePreview, VoicesService, VoicesServiceDeps } from './voices/voices.service';
export { composeVideos } from './compose-videos';
export type { VideosCompositionDeps, VideosForRender } from './compose-videos';
export { MEDIA_FOLDERS } from './media-files.port';
export type { MediaFiles } from './media-files.port';
export { computeWaveform, createMediaFiles, createRenderFileHandlers, defaultExportFolder, exportRenderFiles, MAX_WAVEFORM_POINTS, MEDIA_URL_PREFIX, serveMediaFile } from './files';
export type { ExportRenderRequest, ExportRenderResult, MediaRequest, MediaResponse, RenderFileHandlerDeps, RenderFilesOnDisk, WaveformOptions } from './files';
export { CREW_STEPS, narrationBlocks, NARRATION_CHARS_PER_SCENE, scriptFromManuscript, scriptFromRun, VIDEO_PLAYBOOKS } from './videos';
export type { ChapterText, ManuscriptSceneText, ScriptRuns, VideoService } from './videos';
export { createRenderRepo, createRenderService, RENDER_FILE_NAMES, RENDER_FONT, RENDER_JOB_KIND, SEGMENT_CACHE_FOLDER } from './render';
export type { RenderOptions, RenderService, RenderServiceDeps, RenderSources, ResolvedAsset } from './render';
