/** Narration: the TTS engine port, engines, cache, fallback and the narrator (the media domain's TTS part). */
export { composeTts, FALLBACK_VOICES } from './compose-tts';
export type { TtsConfig, TtsStack } from './compose-tts';
export { createEspeakEngine } from './espeak.engine';
export type { EspeakEngineOptions } from './espeak.engine';
export { createNarrator } from './narrator';
export type { Narration, NarrateInput, Narrator, TimedSentence } from './narrator';
export { createOpenAISpeechEngine } from './openai-speech.engine';
export type { OpenAISpeechEngineOptions } from './openai-speech.engine';
export { segmentSentences } from './sentence-segmenter';
export type { Sentence } from './sentence-segmenter';
export { createTtsCache, TTS_CACHE_FOLDER } from './tts-cache';
export type { TtsCache } from './tts-cache';
export { TTS_ENGINE_IDS, ttsEngineIdSchema, voiceProfileSchema } from './tts-engine';
export type { TtsEngine, TtsEngineId, TtsVoice, VoiceProfile } from './tts-engine';
export { createTtsService } from './tts.service';
export type { SpokenText, TtsService } from './tts.service';
