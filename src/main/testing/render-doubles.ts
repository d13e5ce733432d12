/**
 * Test doubles for renders while the videos and files parts are built elsewhere: videos kept in
 * a map and assets resolved to files on disk.
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { AppError, ErrorCode } from '../../shared/ipc/errors';
import type { ScriptScene, Video } from '../../shared/models/media';
import type { RenderOptions, RenderSources, ResolvedAsset } from '../core/media';
import { RENDER_PROFILES } from '../core/media';

/** Videos and assets in memory; `add` keeps a video or an asset and returns its id. */
export function createFakeSources() {
  const videos = new Map<string, Video>();
  const assets = new Map<string, ResolvedAsset>();
  const sources: RenderSources = {
    async loadVideo(id) {
      const video = videos.get(id);
      if (!video) throw new AppError(ErrorCode.NOT_FOUND, 'The video was not found.');
      return video;
    },
    async resolveAsset(id) {
      const asset = assets.get(id);
      if (!asset) throw new AppError(ErrorCode.NOT_FOUND, 'The asset was not found.');
      return asset;
    },
  };
  return {
    ...sources,
    videos,
    assets,
    addVideo(video: Video): string {
      videos.set(video.id, video);
      return video.id;
    },
    addAsset(file: string, kind: ResolvedAsset['kind']): string {
      const id = randomUUID();
      assets.set(id, { path: file, kind });
      return id;
    },
  };
}

/** Small, quick profiles: 320×180 (16:9) and 180×320 (9:16). */
export const TINY_RENDER: RenderOptions = {
  profileFor: (format) => {
    const profile = RENDER_PROFILES[format];
    return format === 'shorts-1080x1920' ? { ...profile, width: 180, height: 320 } : { ...profile, width: 320, height: 180 };
  },
};

/** A PNG drawn by ffmpeg (a test pattern of the given size). */
export function makeTestImage(file: string, pattern: 'testsrc2' | 'smptebars' = 'testsrc2', size = '640x360'): string {
  execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', '-f', 'lavfi', '-i', `${pattern}=size=${size}:rate=1`, '-frames:v', '1', file]);
  return file;
}

/** A music bed: a few seconds of a chord. */
export function makeTestMusic(file: string, seconds = 4): string {
  execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', '-f', 'lavfi', '-i', `sine=frequency=330:sample_rate=48000:duration=${seconds}`, '-ac', '2', file]);
  return file;
}

/** A video with sensible settings and the given scenes (each gets an id unless it has one). */
export function testVideo(projectId: string, scenes: Array<Partial<ScriptScene>>, patch: Partial<Video> = {}): Video {
  return {
    id: randomUUID(),
    projectId,
    title: 'The Salt Road',
    source: { kind: 'blank' },
    script: { scenes: scenes.map((s) => ({ id: randomUUID(), narration: '', caption: '', visual: '', image: null, durationHintSec: null, ...s })) },
    voice: { engine: 'espeak-ng', voice: 'en-us', speed: 1, pitch: 0 },
    music: null,
    format: 'youtube-720p',
    captions: 'soft',
    thumbnail: { atSec: 1, title: 'The Salt Road' },
    draft: null,
    revision: 1,
    createdAt: 0,
    updatedAt: 0,
    ...patch,
  };
}

/** One md5 per decoded frame of a file or a graph's output (`-f framemd5`), in order: equal frames, equal hashes. */
export function frameMd5s(args: readonly string[]): string[] {
  const out = execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', ...args, '-f', 'framemd5', '-'], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  return out
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => line.split(',').pop()?.trim() ?? '');
}
