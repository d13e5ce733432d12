import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { z } from 'zod';
import { AppError, ErrorCode } from '../../../../shared/ipc/errors';
import { captionModeSchema, videoFormatSchema, voiceProfileSchema, type Video } from '../../../../shared/models/media';
import type { RenderProfile } from '../ffmpeg';

/** Where a scene's picture comes from, resolved to a file (with its content hash) or a card to draw. */
const specVisualSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('image'), path: z.string(), hash: z.string() }),
  z.object({ kind: z.literal('title-card'), text: z.string(), background: z.string() }),
]);

const specSceneSchema = z.object({
  id: z.string(),
  /** 1-based, for sentences the writer reads ("scene 3"). */
  number: z.number().int().positive(),
  narration: z.string(),
  caption: z.string(),
  durationHintSec: z.number().nullable(),
  visual: specVisualSchema,
});
export type SpecScene = z.infer<typeof specSceneSchema>;

/**
 * A render's input, frozen when it starts: a resumed render (after a crash) makes the same
 * video even if the writer edited it meanwhile, and the segment cache keys follow from it.
 */
export const renderSpecSchema = z.object({
  version: z.literal(1),
  videoId: z.string(),
  projectId: z.string(),
  title: z.string(),
  revision: z.number().int().nonnegative(),
  format: videoFormatSchema,
  profile: z.object({ width: z.number().int().positive(), height: z.number().int().positive(), fps: z.number().positive() }),
  voice: voiceProfileSchema,
  captions: captionModeSchema,
  /** Crossfade length between scenes. */
  transitionSec: z.number().nonnegative(),
  scenes: z.array(specSceneSchema),
  music: z.object({ path: z.string(), hash: z.string(), gainDb: z.number() }).nullable(),
  thumbnail: z.object({ atSec: z.number().nonnegative(), title: z.string() }),
});
export type RenderSpec = z.infer<typeof renderSpecSchema>;

/** A resolved asset: its file and what it is. */
export interface ResolvedAsset {
  path: string;
  kind: 'image' | 'audio';
}

/** What freezing needs from outside: the assets (the videos part) and file hashing (a port). */
export interface FreezeDeps {
  resolveAsset(assetId: string): Promise<ResolvedAsset>;
  hashFile(file: string): Promise<string>;
  profileFor(format: Video['format']): RenderProfile;
  transitionSec: number;
}

/** SHA-256 of a file's bytes, streamed (a long music file is not read into memory). */
export function hashFileSha256(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(file)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')));
  });
}

async function resolveFile(deps: FreezeDeps, assetId: string, kind: 'image' | 'audio', what: string): Promise<{ path: string; hash: string }> {
  let asset: ResolvedAsset;
  try {
    asset = await deps.resolveAsset(assetId);
  } catch {
    throw new AppError(ErrorCode.NOT_FOUND, `${what} is missing: its file was deleted. Choose another one and render again.`);
  }
  if (asset.kind !== kind) throw new AppError(ErrorCode.INVALID_INPUT, `${what} is not ${kind === 'image' ? 'an image' : 'a sound file'}.`);
  try {
    return { path: asset.path, hash: await deps.hashFile(asset.path) };
  } catch {
    throw new AppError(ErrorCode.NOT_FOUND, `${what} is missing: its file cannot be read. Choose another one and render again.`);
  }
}

/** Scenes without an image get a title card with their caption. */
async function freezeScene(deps: FreezeDeps, scene: Video['script']['scenes'][number], index: number): Promise<SpecScene> {
  const number = index + 1;
  const base = { id: scene.id, number, narration: scene.narration, caption: scene.caption, durationHintSec: scene.durationHintSec };
  const image = scene.image;
  if (image?.kind === 'asset') return { ...base, visual: { kind: 'image', ...(await resolveFile(deps, image.assetId, 'image', `The image of scene ${number}`)) } };
  return { ...base, visual: { kind: 'title-card', text: image?.text ?? '', background: image?.background ?? '#1d2433' } };
}

/** Freezes a video as it is now into a render spec; a missing file fails here, naming the scene. */
export async function freezeRenderSpec(video: Video, deps: FreezeDeps): Promise<RenderSpec> {
  const scenes = video.script.scenes;
  if (scenes.length === 0) throw new AppError(ErrorCode.INVALID_INPUT, 'The script has no scenes yet: write or generate one before rendering.');
  const silent = scenes.findIndex((s) => s.narration.trim() === '' && s.durationHintSec === null);
  if (silent >= 0) throw new AppError(ErrorCode.INVALID_INPUT, `Scene ${silent + 1} has neither narration nor a length: write its narration or give it a duration.`);
  const frozen: SpecScene[] = [];
  for (const [index, scene] of scenes.entries()) frozen.push(await freezeScene(deps, scene, index));
  const music = video.music === null ? null : { ...(await resolveFile(deps, video.music.assetId, 'audio', 'The music')), gainDb: video.music.gainDb };
  const profile = deps.profileFor(video.format);
  return {
    version: 1,
    videoId: video.id,
    projectId: video.projectId,
    title: video.title,
    revision: video.revision,
    format: video.format,
    profile: { width: profile.width, height: profile.height, fps: profile.fps },
    voice: video.voice,
    captions: video.captions,
    transitionSec: deps.transitionSec,
    scenes: frozen,
    music,
    thumbnail: { atSec: video.thumbnail.atSec, title: video.thumbnail.title },
  };
}

/** Where a render gets the video and its files (the videos part). */
export interface RenderSources {
  loadVideo(id: string): Promise<Video>;
  resolveAsset(assetId: string): Promise<ResolvedAsset>;
}
