import { z } from 'zod';
import { idSchema, Limits, textSchema, timestampSchema, titleSchema } from './common';

/**
 * The media pipeline's shapes, shared by the core, the contract and the video view: a project's
 * videos (script, voice, images, music, format), the assets they use, their renders, and the
 * voices the writer can pick.
 */

/** The formats a video renders to (the core's render profiles have the same ids). */
export const VIDEO_FORMATS = ['youtube-1080p', 'youtube-720p', 'shorts-1080x1920'] as const;
export const videoFormatSchema = z.enum(VIDEO_FORMATS);
export type VideoFormat = z.infer<typeof videoFormatSchema>;

export const VIDEO_FORMAT_LABELS: Record<VideoFormat, string> = {
  'youtube-1080p': 'YouTube 16:9, 1080p',
  'youtube-720p': 'YouTube 16:9, 720p',
  'shorts-1080x1920': 'Shorts / TikTok 9:16',
};

// ---------------------------------------------------------------------------------------------
// Voices

/** TTS engines: Piper (local, the default), espeak-ng (always there), OpenAI speech (BYOK). */
export const TTS_ENGINE_IDS = ['piper', 'espeak-ng', 'openai'] as const;
export const ttsEngineIdSchema = z.enum(TTS_ENGINE_IDS);
export type TtsEngineId = z.infer<typeof ttsEngineIdSchema>;

export const TTS_ENGINE_LABELS: Record<TtsEngineId, string> = {
  piper: 'Piper (local)',
  'espeak-ng': 'eSpeak NG (local, robotic)',
  openai: 'OpenAI (cloud, your key)',
};

/** Who narrates and how: an engine, one of its voices, and the speed and pitch to speak at. */
export const voiceProfileSchema = z
  .object({
    engine: ttsEngineIdSchema,
    voice: z.string().min(1).max(200),
    speed: z.number().min(0.25).max(4).default(1),
    pitch: z.number().min(-1).max(1).default(0),
  })
  .strict();
export type VoiceProfile = z.infer<typeof voiceProfileSchema>;

/** One voice in the voice picker: installed, or in the Piper catalogue and downloadable. */
export const voiceEntrySchema = z.object({
  engine: ttsEngineIdSchema,
  /** The id passed back as `VoiceProfile.voice` (Piper: the catalogue key, `en_US-lessac-medium`). */
  id: z.string().min(1).max(200),
  name: z.string(),
  /** BCP 47 language tag when known. */
  language: z.string().optional(),
  /** Piper's quality tier (x_low, low, medium, high) when known. */
  quality: z.string().optional(),
  /** Whether it can speak now (espeak-ng and OpenAI voices: always, given the binary or a key). */
  installed: z.boolean(),
  /** Download size (Piper voices not yet installed). */
  sizeBytes: z.number().int().nonnegative().optional(),
  /** The voice's licence, from its model card, when known. */
  license: z.string().optional(),
});
export type VoiceEntry = z.infer<typeof voiceEntrySchema>;

/**
 * Where the Piper catalogue in a voice list came from: downloaded now, the copy saved earlier
 * (the download failed), or nowhere (it failed and was never saved); `problem` says why, with
 * what to do, so the voice picker can show it.
 */
export const voiceCatalogueStatusSchema = z.object({
  source: z.enum(['network', 'cache', 'none']),
  problem: z.object({ code: z.string(), message: z.string() }).optional(),
});
export type VoiceCatalogueStatus = z.infer<typeof voiceCatalogueStatusSchema>;

/** `media.voices.list`: the voices and how the catalogue of downloadable ones was read. */
export const voiceListSchema = z.object({ voices: z.array(voiceEntrySchema), catalogue: voiceCatalogueStatusSchema });
export type VoiceList = z.infer<typeof voiceListSchema>;

/** A voice download in flight or finished (`media.voice.changed`). */
export const voiceInstallSchema = z.object({
  voiceId: z.string(),
  status: z.enum(['downloading', 'installed', 'failed', 'cancelled']),
  receivedBytes: z.number().int().nonnegative(),
  totalBytes: z.number().int().nonnegative().nullable(),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
});
export type VoiceInstall = z.infer<typeof voiceInstallSchema>;

// ---------------------------------------------------------------------------------------------
// Files the renderer can load (images, audio, video) through a signed same-origin URL

/** A file under the data folder's media area, with a URL the renderer can load it from. */
export const mediaFileSchema = z.object({
  name: z.string(),
  mimeType: z.string(),
  bytes: z.number().int().nonnegative(),
  /** A same-origin, signed URL (`/media-files/…`), valid for this launch of the app. */
  url: z.string(),
});
export type MediaFile = z.infer<typeof mediaFileSchema>;

// ---------------------------------------------------------------------------------------------
// Assets: the writer's own images and music, imported into the project

export const MEDIA_ASSET_KINDS = ['image', 'audio'] as const;
export const mediaAssetKindSchema = z.enum(MEDIA_ASSET_KINDS);
export type MediaAssetKind = z.infer<typeof mediaAssetKindSchema>;

export const mediaAssetSchema = z.object({
  id: idSchema,
  projectId: idSchema,
  kind: mediaAssetKindSchema,
  /** The name the writer's file had. */
  fileName: z.string(),
  file: mediaFileSchema,
  width: z.number().int().positive().nullable(),
  height: z.number().int().positive().nullable(),
  durationSec: z.number().nonnegative().nullable(),
  createdAt: timestampSchema,
});
export type MediaAsset = z.infer<typeof mediaAssetSchema>;

/** Largest asset a writer can import (a long music track in a lossless format fits). */
export const MAX_ASSET_BYTES = 200 * 1024 * 1024;
/** Assets arrive in chunks of at most this many bytes (base64 in one frame stays under 4 MiB). */
export const ASSET_CHUNK_BYTES = 2 * 1024 * 1024;

// ---------------------------------------------------------------------------------------------
// The script: scenes with narration, an on-screen caption, a visual description and an image

export const MAX_SCRIPT_SCENES = 500;
/** The most text a script holds in all (about 170,000 words: many hours of narration). */
export const MAX_SCRIPT_CHARACTERS = 1_000_000;

/** What a scene shows: one of the writer's images, or a title card the render draws. */
export const sceneImageSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('asset'), assetId: idSchema }).strict(),
  z
    .object({
      kind: z.literal('title-card'),
      /** The card's text; empty → the scene's caption. */
      text: textSchema().max(300).default(''),
      /** Background colour, `#rrggbb`. */
      background: z.string().regex(/^#[0-9a-f]{6}$/i, 'A colour is #rrggbb.').default('#1d2433'),
    })
    .strict(),
]);
export type SceneImage = z.infer<typeof sceneImageSchema>;

export const scriptSceneSchema = z
  .object({
    /** Stable within the script, so edits, reorders and the render cache can follow a scene. */
    id: idSchema,
    /** What the narrator says. */
    narration: textSchema().max(Limits.longText),
    /** The few words shown on screen over the scene (not the subtitles: those follow the narration). */
    caption: textSchema().max(300).default(''),
    /** What the viewer sees: the brief for choosing or generating the image. */
    visual: textSchema().max(Limits.shortText).default(''),
    image: sceneImageSchema.nullable().default(null),
    /** The scene's length when it has no narration, or the least it lasts; null → follows the narration. */
    durationHintSec: z.number().min(1).max(600).nullable().default(null),
  })
  .strict();
export type ScriptScene = z.infer<typeof scriptSceneSchema>;

export const videoScriptSchema = z
  .object({
    scenes: z.array(scriptSceneSchema).max(MAX_SCRIPT_SCENES, `A script can have at most ${MAX_SCRIPT_SCENES} scenes.`),
  })
  .strict()
  .refine(
    (script) => script.scenes.reduce((sum, scene) => sum + scene.narration.length + scene.caption.length + scene.visual.length, 0) <= MAX_SCRIPT_CHARACTERS,
    `A script can hold at most ${MAX_SCRIPT_CHARACTERS.toLocaleString('en')} characters: split it into several videos.`,
  );
export type VideoScript = z.infer<typeof videoScriptSchema>;

// ---------------------------------------------------------------------------------------------
// Videos

/** Where a video's script comes from. */
export const videoSourceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('chapter'), chapterId: idSchema }).strict(),
  z.object({ kind: z.literal('idea'), idea: textSchema().trim().min(1, 'Write the idea in a sentence or two.').max(Limits.shortText) }).strict(),
  z.object({ kind: z.literal('blank') }).strict(),
]);
export type VideoSource = z.infer<typeof videoSourceSchema>;

export const CAPTION_MODES = ['burned', 'soft', 'none'] as const;
export const captionModeSchema = z.enum(CAPTION_MODES);
export type CaptionMode = z.infer<typeof captionModeSchema>;

export const videoMusicSchema = z
  .object({
    assetId: idSchema,
    /** The bed's level before ducking, in dB relative to the file (−18 sits well under a voice). */
    gainDb: z.number().min(-40).max(6).default(-18),
  })
  .strict();
export type VideoMusic = z.infer<typeof videoMusicSchema>;

export const thumbnailSettingsSchema = z
  .object({
    /** The frame the thumbnail is taken from, seconds from the start. */
    atSec: z.number().min(0).default(1),
    /** The title drawn on it; empty → none. */
    title: textSchema().max(200).default(''),
  })
  .strict();
export type ThumbnailSettings = z.infer<typeof thumbnailSettingsSchema>;

/** The crew writing a script for a video: its run, and the script it produced, kept until the writer decides. */
export const scriptDraftSchema = z.object({
  runId: idSchema,
  status: z.enum(['running', 'ready', 'failed']),
  /** The crew's script, once ready; the writer uses it (replacing the script) or discards it. */
  script: videoScriptSchema.nullable(),
  error: z.string().nullable(),
});
export type ScriptDraft = z.infer<typeof scriptDraftSchema>;

export const videoSchema = z.object({
  id: idSchema,
  projectId: idSchema,
  title: z.string(),
  source: videoSourceSchema,
  script: videoScriptSchema,
  voice: voiceProfileSchema,
  music: videoMusicSchema.nullable(),
  format: videoFormatSchema,
  captions: captionModeSchema,
  thumbnail: thumbnailSettingsSchema,
  /** The crew's script in the making or waiting for the writer, if any. */
  draft: scriptDraftSchema.nullable(),
  /** +1 on every change; updates name the revision they were made on (a stale one is a conflict). */
  revision: z.number().int().nonnegative(),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
});
export type Video = z.infer<typeof videoSchema>;

export const videoCreateSchema = z
  .object({
    projectId: idSchema,
    title: titleSchema,
    source: videoSourceSchema,
    format: videoFormatSchema.default('youtube-1080p'),
    /** Start the media crew on the script at once (chapter and idea sources). */
    generateScript: z.boolean().default(true),
  })
  .strict();
export type VideoCreate = z.infer<typeof videoCreateSchema>;

export const videoUpdateSchema = z
  .object({
    id: idSchema,
    baseRevision: z.number().int().nonnegative(),
    title: titleSchema.optional(),
    script: videoScriptSchema.optional(),
    voice: voiceProfileSchema.optional(),
    music: videoMusicSchema.nullable().optional(),
    format: videoFormatSchema.optional(),
    captions: captionModeSchema.optional(),
    thumbnail: thumbnailSettingsSchema.optional(),
  })
  .strict();
export type VideoUpdate = z.infer<typeof videoUpdateSchema>;

// ---------------------------------------------------------------------------------------------
// Renders

export const RENDER_STATUSES = ['queued', 'running', 'done', 'failed', 'cancelled'] as const;
export const renderStatusSchema = z.enum(RENDER_STATUSES);
export type RenderStatus = z.infer<typeof renderStatusSchema>;

/** The stages a render goes through, in order (progress and timings are reported per stage). */
export const RENDER_STAGES = ['narration', 'captions', 'segments', 'transitions', 'audio', 'assembly', 'thumbnail'] as const;
export const renderStageSchema = z.enum(RENDER_STAGES);
export type RenderStage = z.infer<typeof renderStageSchema>;

export const RENDER_STAGE_LABELS: Record<RenderStage, string> = {
  narration: 'Narrating',
  captions: 'Timing captions',
  segments: 'Rendering scenes',
  transitions: 'Joining scenes',
  audio: 'Mixing sound',
  assembly: 'Encoding the video',
  thumbnail: 'Making the thumbnail',
};

export const renderFilesSchema = z.object({
  video: mediaFileSchema,
  thumbnail: mediaFileSchema.nullable(),
  srt: mediaFileSchema.nullable(),
  vtt: mediaFileSchema.nullable(),
});
export type RenderFiles = z.infer<typeof renderFilesSchema>;

export const renderSchema = z.object({
  id: idSchema,
  videoId: idSchema,
  projectId: idSchema,
  /** The durable job that does the work (jobs view, cancel, resume at start-up). */
  jobId: idSchema.nullable(),
  status: renderStatusSchema,
  format: videoFormatSchema,
  /** The video's title and revision the render was made from. */
  title: z.string(),
  videoRevision: z.number().int().nonnegative(),
  stage: renderStageSchema.nullable(),
  /** 0…1 over the whole render. */
  progress: z.number().min(0).max(1),
  /** Seconds left, estimated from the speed so far; null until it can be told. */
  etaSec: z.number().nonnegative().nullable(),
  /** Engine notices (a fallback voice was used), shown beside the render. */
  notices: z.array(z.string()).default([]),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  files: renderFilesSchema.nullable(),
  durationSec: z.number().nonnegative().nullable(),
  /** Measured on the final file: integrated loudness (LUFS) and true peak (dBTP). */
  loudness: z.object({ integratedLufs: z.number(), truePeakDb: z.number() }).nullable(),
  /** Seconds spent per stage. */
  timings: z.partialRecord(renderStageSchema, z.number().nonnegative()).default({}),
  createdAt: timestampSchema,
  finishedAt: timestampSchema.nullable(),
});
export type Render = z.infer<typeof renderSchema>;

/** The narration's waveform for the preview: peak levels 0…1, evenly spaced over the video. */
export const waveformSchema = z.object({
  durationSec: z.number().nonnegative(),
  peaks: z.array(z.number().min(0).max(1)).max(4000),
});
export type Waveform = z.infer<typeof waveformSchema>;
