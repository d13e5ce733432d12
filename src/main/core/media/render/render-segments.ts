import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { access, mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { buildFfmpegArgs, type FfmpegInput } from '../ffmpeg/ffmpeg-args';
import type { FfmpegRunner } from '../ffmpeg/ffmpeg-runner';
import { createFilterGraph, filter, renderFilter, type FilterSpec } from '../ffmpeg/filter-graph';
import { kenBurnsFilters, kenBurnsMotion } from '../ffmpeg/ken-burns';
import { INTERMEDIATE_VIDEO } from '../ffmpeg/render-profiles';
import { wrapTitle } from '../ffmpeg/thumbnail';
import type { RenderSpec, SpecScene } from './render-spec';
import type { SceneSlot } from './render-timeline';

/**
 * Bump when the segment drawing changes (filters, motion, text layout): cached segments made by
 * older code stop matching and are drawn again.
 */
export const SEGMENT_CODE_VERSION = 1;
/** Ken Burns oversampling (see ken-burns.ts: 2× is smooth at about half a bare final encode). */
const OVERSAMPLE = 2;

/** How a scene's segment is drawn: everything in here shapes its frames, so it is the cache key's input. */
export interface SegmentPlan {
  scene: SpecScene;
  frames: number;
  /** The font file for title cards and on-screen captions. */
  fontFile: string;
  profile: RenderSpec['profile'];
}

/** The content hash naming a segment in the cache. */
export function segmentKey(plan: SegmentPlan): string {
  const { scene } = plan;
  const visual = scene.visual.kind === 'image' ? { image: scene.visual.hash } : { card: cardText(scene), background: scene.visual.background };
  const shape = {
    v: SEGMENT_CODE_VERSION,
    visual,
    caption: onScreenCaption(scene),
    seed: scene.id,
    frames: plan.frames,
    profile: plan.profile,
    oversample: OVERSAMPLE,
    encoder: INTERMEDIATE_VIDEO,
    font: path.basename(plan.fontFile),
  };
  return createHash('sha256').update(JSON.stringify(shape)).digest('hex').slice(0, 40);
}

/** A title card's text: its own, or the scene's caption when it has none. */
function cardText(scene: SpecScene): string {
  return scene.visual.kind === 'title-card' && scene.visual.text.trim() !== '' ? scene.visual.text : scene.caption;
}

/** The caption drawn over an image (a title card with no text shows the caption as its text instead). */
function onScreenCaption(scene: SpecScene): string {
  if (scene.visual.kind === 'title-card' && scene.visual.text.trim() === '') return '';
  return scene.caption.trim();
}

/** Text drawn with the bundled font; `expansion=none` keeps the writer's `%{…}` as written. */
function textFilter(fontFile: string, lines: readonly string[], options: { fontPx: number; y: string; box: boolean }): FilterSpec {
  return filter('drawtext', {
    fontfile: fontFile,
    text: lines.join('\n'),
    expansion: 'none',
    fontsize: options.fontPx,
    fontcolor: 'white',
    line_spacing: Math.round(options.fontPx * 0.25),
    x: '(w-text_w)/2',
    y: options.y,
    ...(options.box ? { box: 1, boxcolor: 'black@0.55', boxborderw: Math.round(options.fontPx * 0.4) } : {}),
  });
}

const maxCharsFor = (width: number, fontPx: number) => Math.max(8, Math.floor((width * 0.86) / (fontPx * 0.55)));

function captionOverlay(plan: SegmentPlan): FilterSpec[] {
  const text = onScreenCaption(plan.scene);
  if (text === '') return [];
  const { width, height } = plan.profile;
  const fontPx = Math.round((height > width ? width : height) * 0.055);
  return [textFilter(plan.fontFile, wrapTitle(text, maxCharsFor(width, fontPx)), { fontPx, y: `${Math.round(height * 0.07)}`, box: true })];
}

function segmentCommand(plan: SegmentPlan): { inputs: FfmpegInput[]; chain: FilterSpec[] } {
  const { scene, profile, frames } = plan;
  if (scene.visual.kind === 'image') {
    const motion = kenBurnsFilters(kenBurnsMotion(scene.id), { width: profile.width, height: profile.height, fps: profile.fps, frames, oversample: OVERSAMPLE });
    return { inputs: [{ kind: 'file', path: scene.visual.path }], chain: [...motion, ...captionOverlay(plan)] };
  }
  const { width, height } = profile;
  const fontPx = Math.round((height > width ? width * 0.09 : height * 0.085));
  const text = cardText(scene);
  const source = filter('color', { c: `0x${scene.visual.background.slice(1)}`, s: `${width}x${height}`, r: profile.fps, d: frames / profile.fps });
  return {
    inputs: [{ kind: 'lavfi', graph: renderFilter(source) }],
    chain: [textFilter(plan.fontFile, wrapTitle(text, maxCharsFor(width, fontPx)), { fontPx, y: '(h-text_h)/2', box: false }), filter('format', ['yuv420p'])],
  };
}

/**
 * Draws one scene into `output` (lossless: the final encode is the only lossy one): an image
 * with Ken Burns motion and its caption, or a title card. `stage` names the scene in errors.
 */
export async function drawSegment(runner: FfmpegRunner, plan: SegmentPlan, output: string, call: { signal: AbortSignal; onFrames: (done: number) => void }): Promise<void> {
  const { inputs, chain } = segmentCommand(plan);
  const graph = createFilterGraph();
  const [out] = graph.chain(['0:v'], chain, [graph.label('v')]);
  const args = buildFfmpegArgs({
    inputs,
    filterGraph: graph,
    output: { path: output, maps: [out as string], video: { ...INTERMEDIATE_VIDEO, fps: plan.profile.fps }, audio: null, frames: plan.frames, format: 'matroska' },
  });
  await runner.ffmpeg({
    stage: `rendering scene ${plan.scene.number}`,
    args,
    durationS: plan.frames / plan.profile.fps,
    outputPath: output,
    signal: call.signal,
    onProgress: (p) => call.onFrames(Math.round((p.fraction ?? 0) * plan.frames)),
  });
}

/** The segment cache: finished segments by content hash, shared by every render and kept after a cancel or a crash. */
export interface SegmentCache {
  pathOf(key: string): string;
  has(key: string): Promise<boolean>;
  /** Draws into a temporary file and renames it into place, so the cache never holds a partial segment. */
  fill(key: string, draw: (temp: string) => Promise<void>): Promise<string>;
}

/**
 * Opens the cache. Partial files left by a process that was killed mid-draw are removed now,
 * before any render runs (the data folder belongs to one process, so none of them is live).
 */
export function createSegmentCache(dir: string): SegmentCache {
  const pathOf = (key: string) => path.join(dir, `${key}.mkv`);
  if (existsSync(dir)) for (const name of readdirSync(dir)) if (name.includes('.partial.')) rmSync(path.join(dir, name), { force: true });
  return {
    pathOf,
    async has(key) {
      return access(pathOf(key)).then(
        () => true,
        () => false,
      );
    },
    async fill(key, draw) {
      await mkdir(dir, { recursive: true });
      const temp = path.join(dir, `.${key}.${randomUUID()}.partial.mkv`);
      try {
        await draw(temp);
        await rename(temp, pathOf(key));
      } finally {
        await rm(temp, { force: true });
      }
      return pathOf(key);
    },
  };
}

/** Segments of a render, in scene order, and how many were drawn (not found in the cache). */
export interface RenderedSegments {
  files: string[];
  drawn: number;
}

/**
 * Makes every scene's segment, `concurrency` at a time (two ffmpeg processes keep two cores busy
 * while one waits on its input), taking finished ones from the cache. Progress is in frames.
 */
export async function renderSegments(
  plans: readonly SegmentPlan[],
  deps: { runner: FfmpegRunner; cache: SegmentCache; concurrency: number; signal: AbortSignal; onFrames: (done: number, total: number) => void },
): Promise<RenderedSegments> {
  const total = plans.reduce((sum, p) => sum + p.frames, 0);
  const done = new Array<number>(plans.length).fill(0);
  const report = () => deps.onFrames(done.reduce((a, b) => a + b, 0), total);
  const files = new Array<string>(plans.length);
  let drawn = 0;
  let next = 0;
  // The first failure stops the other scenes' ffmpeg too, rather than letting them run on.
  const stop = new AbortController();
  const onAbort = () => stop.abort(deps.signal.reason);
  deps.signal.addEventListener('abort', onAbort, { once: true });
  const worker = async () => {
    while (next < plans.length && !stop.signal.aborted) {
      const index = next++;
      const plan = plans[index] as SegmentPlan;
      const key = segmentKey(plan);
      if (!(await deps.cache.has(key))) {
        drawn++;
        await deps.cache.fill(key, (temp) =>
          drawSegment(deps.runner, plan, temp, {
            signal: stop.signal,
            onFrames: (frames) => {
              done[index] = frames;
              report();
            },
          }),
        );
      }
      done[index] = plan.frames;
      report();
      files[index] = deps.cache.pathOf(key);
    }
  };
  const workers = Array.from({ length: Math.max(1, Math.min(deps.concurrency, plans.length)) }, () =>
    worker().catch((error: unknown) => {
      stop.abort(error);
      throw error;
    }),
  );
  try {
    const results = await Promise.allSettled(workers);
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    // The first error is the cause; the others are the cancellations it caused.
    if (failed) throw stop.signal.reason instanceof Error ? stop.signal.reason : failed.reason;
  } finally {
    deps.signal.removeEventListener('abort', onAbort);
  }
  if (deps.signal.aborted) throw deps.signal.reason;
  return { files, drawn };
}

/** The segment plans of a spec on its timeline. */
export function planSegments(spec: RenderSpec, slots: readonly SceneSlot[], fontFile: string): SegmentPlan[] {
  return spec.scenes.map((scene, i) => ({ scene, frames: (slots[i] as SceneSlot).frames, fontFile, profile: spec.profile }));
}
