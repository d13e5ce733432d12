import { buildFfmpegArgs, captionImageKey, cueShowing, type CaptionImages, type FfmpegInput } from '../ffmpeg';
import type { FfmpegRunner } from '../ffmpeg';
import { createFilterGraph, filter, renderFilter, type FilterGraph, type FilterSpec, type PadName } from '../ffmpeg';
import { kenBurnsMotion, kenBurnsZoom, MOTION_MALLOC_ENV } from '../ffmpeg';
import { wrapTitle } from '../ffmpeg';
import type { SegmentCache } from './render-cache';
import { cardText, DRAWING_WINDOW_PER_WORKER, drawingOrder, OVERSAMPLE, onScreenCaption, pieceKey, type PiecePlan, type SceneSpan } from './render-pieces';
import { stillsOfPiece, type StillStore } from './render-stills';

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

function captionOverlay(span: SceneSpan, plan: PiecePlan): FilterSpec[] {
  const text = onScreenCaption(span.scene);
  if (text === '') return [];
  const { width, height } = plan.profile;
  const fontPx = Math.round((height > width ? width : height) * 0.055);
  return [textFilter(plan.fontFile, wrapTitle(text, maxCharsFor(width, fontPx)), { fontPx, y: `${Math.round(height * 0.07)}`, box: true })];
}

/**
 * One scene's frames of a piece: an image in Ken Burns motion with its caption, or a title card.
 * The image is read already scaled to the motion's size (`stills`, by image hash; see
 * render-stills.ts), so the piece's ffmpeg only crops and moves it.
 */
function spanCommand(span: SceneSpan, plan: PiecePlan, stills: ReadonlyMap<string, string>): { input: FfmpegInput; chain: FilterSpec[] } {
  const { scene, frames } = span;
  const { width, height, fps } = plan.profile;
  if (scene.visual.kind === 'image') {
    const still = stills.get(scene.visual.hash);
    if (still === undefined) throw new Error(`No prescaled still for scene ${scene.number}.`);
    const motion = kenBurnsZoom(kenBurnsMotion(scene.id), { width, height, fps, frames, oversample: OVERSAMPLE, from: span.from, of: span.of });
    return { input: { kind: 'file', path: still }, chain: [...motion, ...captionOverlay(span, plan)] };
  }
  // A card does not move: its one frame is drawn once and repeated (drawtext on every frame of
  // a 1080p card cost ~0.65 ms a frame).
  const fontPx = Math.round(height > width ? width * 0.09 : height * 0.085);
  const source = filter('color', { c: `0x${scene.visual.background.slice(1)}`, s: `${width}x${height}`, r: fps, d: 1 / fps });
  return {
    input: { kind: 'lavfi', graph: renderFilter(source) },
    chain: [
      textFilter(plan.fontFile, wrapTitle(cardText(scene), maxCharsFor(width, fontPx)), { fontPx, y: '(h-text_h)/2', box: false }),
      filter('format', ['yuv420p']),
      filter('loop', { loop: frames - 1, size: 1, start: 0 }),
      filter('settb', [`1/${fps}`]),
      filter('setpts', ['N']),
    ],
  };
}

/**
 * The piece's picture: its scene, and when a crossfade ends the piece, the next scene's first
 * frames faded in over its last ones. Only the fade's frames are blended: the scene's frames
 * before the fade and its frames under the fade are drawn by two chains of their own (the motion
 * is a function of the frame index, so they are the frames one chain would draw) and joined with
 * concat. The blend is an overlay of the next scene whose alpha rises frame by frame (`fade` on
 * its alpha: frame i of n at i/n), in yuv420p. Not xfade: ffmpeg 5.1's xfade takes no subsampled
 * format, so each frame went yuv420p → yuv444p and back (measured at 1080p: ~11.6 ms a fade
 * frame against ~3.5 for the overlay, ~0.12 CPU-s a piece). Not one chain split in two either:
 * the overlay asks for its main input as soon as the next scene has a frame, so the split ran the
 * scene up to the fade while concat still held every frame before it (1.3–1.4 GB a render).
 */
function pictureOf(graph: FilterGraph, plan: PiecePlan, stills: ReadonlyMap<string, string>): { inputs: FfmpegInput[]; pad: PadName } {
  const [own, next] = plan.spans as [SceneSpan, SceneSpan | undefined];
  if (plan.fadeFrames === 0 || next === undefined) {
    const whole = spanCommand(own, plan, stills);
    return { inputs: [whole.input], pad: graph.chain(['0:v'], whole.chain, [graph.label('s')])[0] as PadName };
  }
  const held = plan.frames - plan.fadeFrames;
  const parts = [
    ...(held > 0 ? [spanCommand({ ...own, frames: held }, plan, stills)] : []),
    spanCommand({ ...own, from: own.from + held, frames: plan.fadeFrames }, plan, stills),
    spanCommand(next, plan, stills),
  ];
  const inputs = parts.map((part) => part.input);
  const chainOf = (index: number) => (parts[index] as { chain: FilterSpec[] }).chain;
  // The overlay pairs frames by time: both inputs numbered from zero in frames.
  const align = [filter('settb', [`1/${plan.profile.fps}`]), filter('setpts', ['N'])];
  const rising = [filter('format', ['yuva420p']), filter('fade', { t: 'in', s: 0, n: plan.fadeFrames, alpha: 1 })];
  const last = parts.length - 1;
  const incoming = graph.chain([`${last}:v`], [...chainOf(last), ...rising, ...align], [graph.label('s')])[0] as PadName;
  const outgoing = graph.chain([`${last - 1}:v`], [...chainOf(last - 1), ...align], [graph.label('s')])[0] as PadName;
  // Square pixels on both sides of the concat: the scale leaves a sample aspect a hair off 1:1
  // that differs with the zoom, and concat wants its segments' to match.
  const square = filter('setsar', [1]);
  const faded = graph.chain([outgoing, incoming], [filter('overlay', { format: 'yuv420' }), filter('format', ['yuv420p']), square], [graph.label('x')])[0] as PadName;
  if (held === 0) return { inputs, pad: faded };
  const before = graph.chain(['0:v'], [...chainOf(0), square], [graph.label('s')])[0] as PadName;
  return { inputs, pad: graph.chain([before, faded], [filter('concat', { n: 2, v: 1, a: 0 })], [graph.label('x')])[0] as PadName };
}

/** What names a piece in errors and progress: its scene, and the next one when it draws the crossfade's first frames of it. */
function pieceStage(plan: PiecePlan): string {
  const [own, next] = plan.spans;
  const scene = `rendering scene ${own?.scene.number ?? 0}`;
  return next === undefined ? scene : `${scene} and its crossfade into scene ${next.scene.number}`;
}

/**
 * The burned captions over the picture: each cue's image (drawn once by libass, see
 * caption-images.ts) overlaid on the frames libass would have drawn it on. Its image is the
 * overlay's only frame, repeated (`eof_action=repeat`), so it is decoded and converted once.
 */
function burnCaptions(graph: FilterGraph, inputs: FfmpegInput[], pad: PadName, plan: PiecePlan, captions: CaptionImages | undefined): PadName {
  let under = pad;
  for (const cue of plan.cues) {
    const image = captions?.files.get(captionImageKey(cue.lines));
    if (image === undefined) throw new Error(`No caption image for "${cue.lines.join(' ')}".`);
    // One decoder thread: a long scene has many captions, each an input of its own.
    inputs.push({ kind: 'file', path: image, threads: 1 });
    const overlay = filter('overlay', { x: 0, y: captions?.band.y ?? 0, eof_action: 'repeat', enable: cueShowing(cue) });
    under = graph.chain([under, `${inputs.length - 1}:v`], [overlay], [graph.label('c')])[0] as PadName;
  }
  return under;
}

/**
 * Draws and encodes one piece into `output` with the final encode's settings (the only lossy
 * encode its frames get): the picture, the burned captions inside it (their images from
 * `captions`), yuv420p, exactly `frames` frames, starting on a keyframe. `threads` bounds both
 * x264's threads and the filter graph's.
 */
export async function drawPiece(
  runner: FfmpegRunner,
  plan: PiecePlan,
  output: string,
  call: { signal: AbortSignal; stills: ReadonlyMap<string, string>; captions?: CaptionImages; threads?: number; onFrames: (done: number) => void },
): Promise<void> {
  const graph = createFilterGraph();
  const { inputs, pad } = pictureOf(graph, plan, call.stills);
  const [framed] = graph.chain([pad], [filter('setsar', [1])], [graph.label('f')]);
  const captioned = burnCaptions(graph, inputs, framed as PadName, plan, call.captions);
  const [out] = graph.chain([captioned], [filter('format', ['yuv420p'])], [graph.label('v')]);
  const threads = call.threads === undefined ? [] : ['-threads', String(call.threads)];
  const args = buildFfmpegArgs({
    inputs,
    filterGraph: graph,
    // The graph gets the encoder's share of the cores too. With ffmpeg's default (a thread per
    // core) the motion's scale, rebuilt for each new frame size, started and joined two slice
    // threads on every frame: measured here, 300 frames of 1080p motion took 0.83–0.91 CPU-s that
    // way and 0.61–0.62 with one thread (0.55 for a scale of fixed size).
    ...(call.threads === undefined ? {} : { filterThreads: call.threads }),
    output: { path: output, maps: [out as string], video: { ...plan.video, fps: plan.profile.fps }, audio: null, frames: plan.frames, format: 'mp4', extra: threads },
  });
  await runner.ffmpeg({
    stage: pieceStage(plan),
    args,
    durationS: plan.frames / plan.profile.fps,
    outputPath: output,
    env: MOTION_MALLOC_ENV,
    signal: call.signal,
    onProgress: (p) => call.onFrames(Math.round((p.fraction ?? 0) * plan.frames)),
  });
}

/** The pieces the cache does not hold: the ones a render draws. */
export async function piecesToDraw(plans: readonly PiecePlan[], cache: SegmentCache): Promise<PiecePlan[]> {
  const missing = await Promise.all(plans.map(async (plan) => !(await cache.has(pieceKey(plan)))));
  return plans.filter((_, i) => missing[i]);
}

/** Pieces of a render, in the order given, and how many were drawn (not found in the cache). */
export interface RenderedPieces {
  files: string[];
  drawn: number;
}

/** How pieces are drawn: `concurrency` ffmpeg processes at once, each encoding with `threads` (all when absent). */
export interface PieceDrawing {
  runner: FfmpegRunner;
  cache: SegmentCache;
  /** The prescaled stills; every piece releases its own once, drawn or found in the cache. */
  stills: StillStore;
  /** The pieces the cache does not hold (see {@link piecesToDraw}): these are drawn, the others taken from the cache. */
  toDraw: ReadonlySet<PiecePlan>;
  /** The images of the burned captions of the pieces to draw, awaited by each piece once its stills are ready (they are drawn meanwhile). */
  captions?: Promise<CaptionImages>;
  concurrency: number;
  threads?: number;
  /** x264 threads of the last piece to start (asked as it starts, when no other piece waits); `threads` when absent. */
  lastThreads?: () => number;
  /** With several workers, one starts only once this settles (the soundtrack's ffmpeg ending: it holds that worker's memory and core until then). */
  lastWorkerAfter?: Promise<unknown>;
  signal: AbortSignal;
  onFrames: (done: number, total: number) => void;
}

/**
 * Makes every piece, `concurrency` at a time (in {@link drawingOrder}), taking the ones not to
 * draw from the cache. The first failure stops the other pieces' ffmpeg too. Progress is in frames.
 */
export async function renderPieces(plans: readonly PiecePlan[], deps: PieceDrawing): Promise<RenderedPieces> {
  const total = plans.reduce((sum, p) => sum + p.frames, 0);
  const done = new Array<number>(plans.length).fill(0);
  const report = () => deps.onFrames(done.reduce((a, b) => a + b, 0), total);
  const files = new Array<string>(plans.length);
  let drawn = 0;
  const order = drawingOrder(
    plans.map((plan) => plan.frames),
    deps.concurrency * DRAWING_WINDOW_PER_WORKER,
  );
  let next = 0;
  const stop = new AbortController();
  const onAbort = () => stop.abort(deps.signal.reason);
  deps.signal.addEventListener('abort', onAbort, { once: true });
  const worker = async () => {
    while (next < plans.length && !stop.signal.aborted) {
      const index = order[next++] as number;
      // Decided now: while this worker awaits its stills another may take the last piece.
      const last = next >= order.length;
      const plan = plans[index] as PiecePlan;
      const key = pieceKey(plan);
      const stills = stillsOfPiece(plan, OVERSAMPLE);
      if (deps.toDraw.has(plan)) {
        drawn++;
        const onFrames = (frames: number) => {
          done[index] = frames;
          report();
        };
        const files = await deps.stills.acquire(stills, stop.signal);
        const count = last && deps.lastThreads ? deps.lastThreads() : deps.threads;
        const threads = count === undefined ? {} : { threads: count };
        const captions = deps.captions === undefined ? {} : { captions: await deps.captions };
        await deps.cache.fill(key, (temp) => drawPiece(deps.runner, plan, temp, { signal: stop.signal, stills: files, onFrames, ...threads, ...captions }));
      }
      await deps.stills.release(stills);
      done[index] = plan.frames;
      report();
      files[index] = deps.cache.pathOf(key);
    }
  };
  const guarded = (run: () => Promise<void>) =>
    run().catch((error: unknown) => {
      stop.abort(error);
      throw error;
    });
  const count = Math.max(1, Math.min(deps.concurrency, plans.length));
  const after = deps.lastWorkerAfter;
  const noop = () => undefined;
  const first = Array.from({ length: after === undefined ? count : Math.max(1, count - 1) }, () => guarded(worker));
  // The late worker starts when `after` settles, or not at all once the others have run out of pieces (or stopped).
  const late = first.length < count ? [guarded(async () => Promise.race([after?.then(noop, noop), Promise.allSettled(first)]).then(worker))] : [];
  const workers = [...first, ...late];
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
