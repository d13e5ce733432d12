import { z } from 'zod';
import { idSchema, okSchema } from '../../models/common';
import {
  ASSET_CHUNK_BYTES,
  MAX_ASSET_BYTES,
  mediaAssetKindSchema,
  mediaAssetSchema,
  mediaFileSchema,
  renderSchema,
  videoCreateSchema,
  videoSchema,
  videoUpdateSchema,
  voiceListSchema,
  voiceInstallSchema,
  voiceProfileSchema,
  waveformSchema,
} from '../../models/media';
import { byId, byProject, method } from './method';

/** Base64 of at most one chunk (4 characters per 3 bytes). */
const chunkBase64 = z
  .string()
  .max(Math.ceil(ASSET_CHUNK_BYTES / 3) * 4)
  .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'Expected base64.');

/**
 * The media pipeline: a project's videos (script, voice, images, music, format), the assets they
 * use, the voices, and the renders (durable jobs of kind `media.render`). Changes arrive as
 * `media.changed` (videos and assets), `render.changed` and `media.voice.changed`.
 */
export const mediaContract = {
  'media.videos.list': method({ input: byProject, output: z.array(videoSchema), doc: 'A project’s videos, newest first.' }),
  'media.videos.get': method({ input: byId, output: videoSchema, doc: 'One video with its script, voice, images, music and format.' }),
  'media.videos.create': method({
    input: videoCreateSchema,
    output: videoSchema,
    doc: 'Creates a video from a chapter, an idea or nothing; for a chapter or an idea the media crew starts on its script.',
  }),
  'media.videos.update': method({
    input: videoUpdateSchema,
    output: videoSchema,
    frame: 'large',
    doc: 'Changes a video’s title, script, voice, music, format, captions or thumbnail; a stale baseRevision is a conflict.',
  }),
  'media.videos.delete': method({ input: byId, output: okSchema, doc: 'Deletes a video and its renders’ files.' }),
  'media.script.generate': method({
    input: byId,
    output: videoSchema,
    doc: 'Starts the media crew on the video’s script again (from its chapter or idea); the result waits as a draft.',
  }),
  'media.script.useDraft': method({
    input: z.object({ id: idSchema, baseRevision: z.number().int().nonnegative() }).strict(),
    output: videoSchema,
    doc: 'Replaces the video’s script with the crew’s draft (one step, undoable by using the previous revision’s script).',
  }),
  'media.script.discardDraft': method({ input: byId, output: videoSchema, doc: 'Drops the crew’s draft script.' }),

  'media.assets.list': method({
    input: z.object({ projectId: idSchema, kind: mediaAssetKindSchema.optional() }).strict(),
    output: z.array(mediaAssetSchema),
    doc: 'A project’s imported images and audio, newest first.',
  }),
  'media.assets.beginUpload': method({
    input: z
      .object({
        projectId: idSchema,
        fileName: z.string().trim().min(1).max(255),
        mimeType: z.string().min(1).max(100),
        bytes: z.number().int().positive().max(MAX_ASSET_BYTES, `A file can be at most ${MAX_ASSET_BYTES / 1024 / 1024} MB.`),
      })
      .strict(),
    output: z.object({ uploadId: idSchema }),
    doc: 'Starts importing one of the writer’s files (an image or a music track).',
  }),
  'media.assets.uploadChunk': method({
    input: z.object({ uploadId: idSchema, offset: z.number().int().nonnegative(), dataBase64: chunkBase64 }).strict(),
    output: z.object({ receivedBytes: z.number().int().nonnegative() }),
    doc: 'One chunk of an import, at its byte offset (a repeated chunk is harmless).',
  }),
  'media.assets.finishUpload': method({
    input: z.object({ uploadId: idSchema }).strict(),
    output: mediaAssetSchema,
    doc: 'Checks the imported file (a readable image or audio file) and adds it to the project.',
  }),
  'media.assets.delete': method({ input: byId, output: okSchema, doc: 'Removes an asset no video uses any more.' }),

  'media.voices.list': method({ input: z.object({ refresh: z.boolean().optional() }).strict(), output: voiceListSchema, doc: 'Installed voices and the Piper catalogue, with where the catalogue came from and why it could not be downloaded.' }),
  'media.voices.install': method({
    input: z.object({ voiceId: z.string().min(1).max(200) }).strict(),
    output: voiceInstallSchema,
    doc: 'Downloads a Piper voice into the data folder (progress as media.voice.changed; checked against its checksum).',
  }),
  'media.voices.preview': method({
    input: z.object({ voice: voiceProfileSchema, text: z.string().trim().min(1).max(500).optional() }).strict(),
    output: z.object({ file: mediaFileSchema, durationSec: z.number().nonnegative(), notice: z.string().nullable() }),
    doc: 'Speaks a sample sentence with a voice, for the picker’s Preview button.',
  }),

  'media.renders.start': method({ input: byId, output: renderSchema, doc: 'Renders a video (by its id) as it is now: a durable job.' }),
  'media.renders.list': method({
    input: z.object({ videoId: idSchema }).strict(),
    output: z.array(renderSchema),
    doc: 'A video’s renders, newest first.',
  }),
  'media.renders.get': method({ input: byId, output: renderSchema, doc: 'One render.' }),
  'media.renders.cancel': method({ input: byId, output: renderSchema, doc: 'Stops a render; its finished scenes stay cached for the next one.' }),
  'media.renders.delete': method({ input: byId, output: okSchema, doc: 'Deletes a finished render and its files.' }),
  'media.renders.waveform': method({ input: byId, output: waveformSchema, doc: 'The render’s sound as peak levels, for the preview’s waveform.' }),
  'media.renders.export': method({
    input: z.object({ id: idSchema, folder: z.string().min(1).max(4096).optional() }).strict(),
    output: z.object({ folder: z.string(), files: z.array(z.string()) }),
    doc: 'Copies a render’s video, captions and thumbnail into a folder (default: the Videos folder’s “Nova Studio”).',
  }),
} as const;
