import { filter, type FilterSpec } from './filter-graph';
import { seededRandom } from '../../platform/seeded-random';

/** A slow zoom and pan over a still: where it starts and ends. */
export interface KenBurnsMotion {
  /** Zoom factors (1 = the whole frame). */
  readonly startZoom: number;
  readonly endZoom: number;
  /** Position of the visible window within the free space, 0…1 on each axis (0.5 = centred). */
  readonly startX: number;
  readonly startY: number;
  readonly endX: number;
  readonly endY: number;
}

/** FNV-1a: a stable 32-bit hash of the seed text. */
function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}


const round3 = (n: number) => Math.round(n * 1000) / 1000;

/**
 * The motion for a seed (a scene id, an image hash): zoom in or out by 10–22 % while the window
 * drifts between two points. The same seed always gives the same motion, so a re-render of an
 * unchanged scene produces the same frames and its cached segment stays valid.
 */
export function kenBurnsMotion(seed: string): KenBurnsMotion {
  const random = seededRandom(hash32(seed));
  const next = () => random.next();
  const zoomed = round3(1.1 + next() * 0.12);
  const zoomIn = next() < 0.5;
  const point = () => round3(0.15 + next() * 0.7);
  return { startZoom: zoomIn ? 1 : zoomed, endZoom: zoomIn ? zoomed : 1, startX: point(), startY: point(), endX: point(), endY: point() };
}

/** Frame size and timing of one motion segment. */
export interface MotionFrame {
  readonly width: number;
  readonly height: number;
  readonly fps: number;
  readonly frames: number;
  /**
   * The still is prescaled to this multiple of the output size before the motion scales it
   * again; 1 when absent (see {@link kenBurnsZoom} for why more buys nothing worth its cost).
   */
  readonly oversample?: number;
  /**
   * Draw only part of a longer motion: `frames` frames starting at frame `from` of a motion
   * `of` frames long. The motion is a function of the frame index, so the pieces of one motion
   * drawn apart (a scene's body, its transitions) are the frames the whole would have had.
   */
  readonly from?: number;
  readonly of?: number;
}

/** The prescaled frame the motion scales from: the output size times the oversampling. */
export function oversampledSize(frame: Pick<MotionFrame, 'width' | 'height' | 'oversample'>): { width: number; height: number } {
  const k = frame.oversample ?? 1;
  return { width: Math.round(frame.width * k), height: Math.round(frame.height * k) };
}

/**
 * A still cover-fitted to the oversampled size, in the pixel format the motion works in (the
 * scale converts to yuv420p itself, so this is exactly the frame the motion receives in one
 * graph). Renders run it once per still and keep the result (see render-stills.ts).
 */
export function kenBurnsPrescale(frame: Pick<MotionFrame, 'width' | 'height' | 'oversample'>): FilterSpec[] {
  const big = oversampledSize(frame);
  return [
    filter('scale', { w: big.width, h: big.height, force_original_aspect_ratio: 'increase', flags: 'lanczos' }),
    filter('crop', { w: big.width, h: big.height }),
    filter('setsar', ['1']),
    filter('format', ['yuv420p']),
  ];
}

/**
 * The motion over an already prescaled still (see {@link kenBurnsPrescale}), on an eased
 * (smoothstep) path: the still repeated once per frame, each frame scaled whole to the output
 * size times its zoom (whole pixels, `eval=frame`, bilinear), then the output window cropped from
 * it at whole output pixels (`exact`: odd offsets too, or yuv420p would step by two).
 *
 * Not zoompan: it crops on whole input pixels rounded down to even ones (yuv420p's chroma), so
 * it needs a 2× oversampled still to step by one output pixel, and scales that crop down with a
 * hard-wired bicubic. Measured at 1080p on this machine, 200 frames of motion from the same
 * still: zoompan at 2× 0.93 CPU-s, this from a 1× still 0.46–0.54 (bicubic 0.58–0.67, from a 2×
 * still 1.0–1.6). Smoothness (render-motion.integration.test.ts, the largest frame-to-frame
 * change of a spot's velocity at 320×180): zoompan at 2× 1.39–1.49 px, this 1.0–1.5 px (seeds
 * scene-a, -b, -c). Sharpness against the same motion from the 2× still with bicubic: PSNR
 * Y 45.2 dB, U 44.0, V 39.6, SSIM 0.994 — the 1× still loses nothing visible.
 */
export function kenBurnsZoom(motion: KenBurnsMotion, frame: MotionFrame): FilterSpec[] {
  const last = Math.max(1, (frame.of ?? frame.frames) - 1);
  const from = frame.from ?? 0;
  const t = `min(${from > 0 ? `(n+${from})` : 'n'}/${last},1)`;
  const ease = `(3*pow(${t},2)-2*pow(${t},3))`;
  const lerp = (a: number, b: number) => `(${a}+${round3(b - a)}*${ease})`;
  const zoom = lerp(motion.startZoom, motion.endZoom);
  const w = `round(${frame.width}*${zoom})`;
  const h = `round(${frame.height}*${zoom})`;
  return [
    filter('loop', { loop: frame.frames - 1, size: 1, start: 0 }),
    // Frame n at n/fps, and the link's rate set, as zoompan's output had (xfade compares rates).
    filter('settb', [`1/${frame.fps}`]),
    filter('setpts', ['N']),
    filter('fps', [frame.fps]),
    filter('scale', { w, h, eval: 'frame', flags: 'bilinear' }),
    filter('crop', { w: frame.width, h: frame.height, x: `(${w}-${frame.width})*${lerp(motion.startX, motion.endX)}+0.5`, y: `(${h}-${frame.height})*${lerp(motion.startY, motion.endY)}+0.5`, exact: 1 }),
    filter('format', ['yuv420p']),
  ];
}

/**
 * The environment of an ffmpeg running {@link kenBurnsZoom}: glibc's malloc keeps freed frames for
 * reuse instead of returning them to the system. The zoom changes the scaled frame's size almost
 * every frame, and libavfilter then rebuilds its frame pool: with glibc's defaults each new ~4 MB
 * frame was fresh memory from the kernel, paged in on first touch. Measured here, 180 frames of
 * 1080p motion: 0.17–0.26 system CPU-s without, 0.06–0.07 with; peak memory +1.3 MB. The mmap
 * threshold is glibc's largest (32 MiB). Other C libraries ignore these variables.
 */
export const MOTION_MALLOC_ENV: Readonly<Record<string, string>> = { MALLOC_MMAP_THRESHOLD_: String(32 * 1024 * 1024), MALLOC_TRIM_THRESHOLD_: String(128 * 1024 * 1024) };

/**
 * The filters that turn one still frame into `frames` frames of motion: cover-fit to the
 * oversampled size, then the eased zoom and pan of {@link kenBurnsZoom}.
 */
export function kenBurnsFilters(motion: KenBurnsMotion, frame: MotionFrame): FilterSpec[] {
  return [...kenBurnsPrescale(frame), ...kenBurnsZoom(motion, frame)];
}
