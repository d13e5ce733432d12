import { createHash, randomUUID } from 'node:crypto';
import { mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { buildFfmpegArgs, createFilterGraph, kenBurnsPrescale, type FfmpegRunner } from '../ffmpeg';
import type { PiecePlan } from './render-pieces';

/**
 * Bump when the prescale changes (filters, pixel format, container): older stills stop matching.
 */
export const STILL_CODE_VERSION = 1;

/**
 * Prescaled stills are YUV4MPEG (raw yuv420p with a one-line header): decoding is a read, and the
 * file is exactly the frame the motion gets. FFV1 would be 20× smaller, but its encoder takes
 * ~1.3 GB of memory for one 3840×2160 frame, which breaks the render's memory bound.
 */
export const STILL_EXTENSION = '.y4m';

/** An image a piece moves over, and the size (the output's times OVERSAMPLE) the motion scales from. */
export interface StillRequest {
  /** The image file, and the hash of its content (the spec's). */
  path: string;
  hash: string;
  width: number;
  height: number;
  /** The scene showing it, to name in an error (not in the key: the same image serves every scene that shows it). */
  scene: number;
}

/** The key of a prescaled still: what its pixels depend on, the image's content included. */
export function stillKey(still: StillRequest): string {
  const shape = { v: STILL_CODE_VERSION, image: still.hash, width: still.width, height: still.height };
  return createHash('sha256').update(JSON.stringify(shape)).digest('hex').slice(0, 40);
}

/** The stills a piece moves over (its own scene's and the next scene's, when they are images). */
export function stillsOfPiece(plan: PiecePlan, oversample: number): StillRequest[] {
  const size = { width: plan.profile.width * oversample, height: plan.profile.height * oversample };
  return plan.spans.flatMap((span) => (span.scene.visual.kind === 'image' ? [{ path: span.scene.visual.path, hash: span.scene.visual.hash, scene: span.scene.number, ...size }] : []));
}

/**
 * The prescaled stills of one render. Each still is scaled once (lanczos, cover-fit, yuv420p) to
 * the motion's size (the output's times OVERSAMPLE) and read by every piece that uses it, so a
 * piece's ffmpeg holds one 3 MB frame per still (1080p) instead of the decoded image, and does
 * not decode or fit the image again.
 * `uses` counts the pieces that need each still (every piece of the render, cached or not, must
 * `release` its stills once); the file is removed after its last use, so the folder holds at
 * most a few stills whatever the video's length.
 */
export interface StillStore {
  /** The prescaled file of each still of the piece, made when missing; keyed by image hash. */
  acquire(stills: readonly StillRequest[], signal: AbortSignal): Promise<Map<string, string>>;
  /** Marks the piece's stills used once; a still with no use left is deleted. */
  release(stills: readonly StillRequest[]): Promise<void>;
  /** Removes what is left (after a failure or a cancel). */
  clear(): Promise<void>;
}

export function createStillStore(deps: { dir: string; runner: FfmpegRunner; uses: ReadonlyMap<string, number> }): StillStore {
  const remaining = new Map(deps.uses);
  const making = new Map<string, Promise<string>>();
  const fileOf = (key: string) => path.join(deps.dir, `${key}${STILL_EXTENSION}`);

  async function make(still: StillRequest, key: string, signal: AbortSignal): Promise<string> {
    await mkdir(deps.dir, { recursive: true });
    const temp = path.join(deps.dir, `.${key}.${randomUUID()}.partial${STILL_EXTENSION}`);
    const graph = createFilterGraph();
    const [out] = graph.chain(['0:v'], kenBurnsPrescale({ width: still.width, height: still.height, oversample: 1 }), [graph.label('still')]);
    // One thread: one frame gains nothing from more, and each thread would hold its own buffers.
    const args = buildFfmpegArgs({
      inputs: [{ kind: 'file', path: still.path, threads: 1 }],
      filterGraph: graph,
      output: { path: temp, maps: [out as string], frames: 1, format: 'yuv4mpegpipe', extra: ['-filter_threads', '1'] },
    });
    try {
      // The piece's own words: the image is the first thing drawing its scene does.
      await deps.runner.ffmpeg({ stage: `rendering scene ${still.scene}`, args, outputPath: temp, signal });
      await rename(temp, fileOf(key));
    } finally {
      await rm(temp, { force: true });
    }
    return fileOf(key);
  }

  return {
    async acquire(stills, signal) {
      const files = new Map<string, string>();
      for (const still of stills) {
        const key = stillKey(still);
        let file = making.get(key);
        if (file === undefined) {
          file = make(still, key, signal);
          making.set(key, file);
          // A failed prescale is retried by the next piece that needs it, not remembered.
          file.catch(() => making.delete(key));
        }
        files.set(still.hash, await file);
      }
      return files;
    },
    async release(stills) {
      for (const still of stills) {
        const key = stillKey(still);
        const left = (remaining.get(key) ?? 1) - 1;
        remaining.set(key, left);
        if (left > 0) continue;
        const made = making.get(key);
        making.delete(key);
        if (made !== undefined) await made.then((file) => rm(file, { force: true }), () => undefined);
      }
    },
    async clear() {
      const pending = [...making.values()];
      making.clear();
      await Promise.all(pending.map((p) => p.then((file) => rm(file, { force: true }), () => undefined)));
    },
  };
}

/** How many pieces use each still: what {@link createStillStore} counts down. */
export function stillUses(plans: readonly PiecePlan[], oversample: number): Map<string, number> {
  const uses = new Map<string, number>();
  for (const plan of plans) for (const still of stillsOfPiece(plan, oversample)) uses.set(stillKey(still), (uses.get(stillKey(still)) ?? 0) + 1);
  return uses;
}
