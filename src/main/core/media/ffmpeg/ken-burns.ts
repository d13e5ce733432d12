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
   * Work at this multiple of the output size: zoompan places its window on whole input pixels,
   * so at 1× the picture visibly steps; at 2× a step is half an output pixel. 2 is the default:
   * measured at 1080p (bench/media-ffmpeg.ts) 2× cost ~0.5× a bare final encode, 4× ~1.1×.
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

/** The oversampled frame the motion crops from: the output size times the oversampling. */
export function oversampledSize(frame: Pick<MotionFrame, 'width' | 'height' | 'oversample'>): { width: number; height: number } {
  const k = frame.oversample ?? 2;
  return { width: frame.width * k, height: frame.height * k };
}

/**
 * A still cover-fitted to the oversampled size, in the pixel format zoompan works in (the scale
 * converts to yuv420p itself, so this is exactly the frame zoompan receives in one graph).
 * Renders run it once per still and keep the result (see render-stills.ts).
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

/** The motion over an already oversampled still (see {@link kenBurnsPrescale}): zoompan on an eased path. */
export function kenBurnsZoom(motion: KenBurnsMotion, frame: MotionFrame): FilterSpec[] {
  const last = Math.max(1, (frame.of ?? frame.frames) - 1);
  const from = frame.from ?? 0;
  const t = `min(${from > 0 ? `(on+${from})` : 'on'}/${last},1)`;
  const ease = `(3*pow(${t},2)-2*pow(${t},3))`;
  const lerp = (a: number, b: number) => `(${a}+${round3(b - a)}*${ease})`;
  return [
    filter('zoompan', {
      z: lerp(motion.startZoom, motion.endZoom),
      x: `(iw-iw/zoom)*${lerp(motion.startX, motion.endX)}`,
      y: `(ih-ih/zoom)*${lerp(motion.startY, motion.endY)}`,
      d: frame.frames,
      s: `${frame.width}x${frame.height}`,
      fps: frame.fps,
    }),
    filter('format', ['yuv420p']),
  ];
}

/**
 * The filters that turn one still frame into `frames` frames of motion: cover-fit to the
 * oversampled size, then zoompan with an eased (smoothstep) path so motion starts and stops gently.
 */
export function kenBurnsFilters(motion: KenBurnsMotion, frame: MotionFrame): FilterSpec[] {
  return [...kenBurnsPrescale(frame), ...kenBurnsZoom(motion, frame)];
}
