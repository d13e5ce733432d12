import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Cue } from '../captions';
import { buildFfmpegArgs } from './ffmpeg-args';
import type { FfmpegRunner } from './ffmpeg-runner';
import { createFilterGraph, filter, renderFilter, type FilterSpec } from './filter-graph';
import { assCentiseconds, captionStyleFor, toAss } from './caption-style';
import type { RenderProfile } from './render-profiles';

/**
 * Burned captions drawn once each, not on every frame: libass renders every caption of a render
 * into a small transparent image in one ffmpeg run, and each piece overlays a caption's image
 * only while the caption shows. Measured at 1080p: libass on the frames costs ~2.2 ms a frame
 * under a caption and ~0.14 CPU-s to start in every piece's ffmpeg (fontconfig); the overlay of
 * a 1920×300 strip ~0.13 ms a frame. The pixels are libass's own: its drawing on a transparent
 * canvas composited over the picture matches its drawing on the picture within rounding (PSNR
 * 72–74 dB a frame; see render/render-captions.integration.test.ts).
 */

/** The strip at the bottom of the frame that holds every caption of a render (libass places them bottom-centred). */
export interface CaptionBand {
  readonly y: number;
  readonly height: number;
}

/**
 * A strip tall enough for `maxLines` lines with their outline and shadow over the bottom margin:
 * 1.6 font sizes a line (libass's line is ~1.15) and one more font size above them, so accents
 * and tall glyphs of a fallback font stay inside. Even, for yuv420p's chroma.
 */
export function captionBand(profile: Pick<RenderProfile, 'width' | 'height'>, fontName: string, maxLines: number): CaptionBand {
  const style = captionStyleFor(profile, fontName);
  const wanted = style.marginVPx + Math.max(1, maxLines) * Math.ceil(style.fontPx * 1.6) + style.fontPx;
  const height = Math.min(profile.height, 2 * Math.ceil(wanted / 2));
  return { y: profile.height - height, height };
}

/** What tells two captions' images apart: their lines (the style is the render's). */
export function captionImageKey(lines: readonly string[]): string {
  return JSON.stringify(lines);
}

/** The images of a render's captions, by {@link captionImageKey}, and where they go in the frame. */
export interface CaptionImages {
  readonly band: CaptionBand;
  readonly files: ReadonlyMap<string, string>;
}

/** What {@link renderCaptionImages} draws. */
export interface CaptionImagesRequest {
  /** The captions' lines; the same lines are drawn once. */
  readonly captions: ReadonlyArray<readonly string[]>;
  readonly profile: Pick<RenderProfile, 'width' | 'height'>;
  /** libass's font and its folder, as for burning on the frames. */
  readonly fontName: string;
  readonly fontsDir: string;
  /** Where the images (PNG, RGBA) and their script go. */
  readonly dir: string;
  readonly signal?: AbortSignal;
}

/**
 * Draws each distinct caption once with libass, in one ffmpeg run: caption i is an ASS event
 * from second i to i+1 over a transparent frame at one frame a second, drawn with the burned
 * captions' style, cropped to the {@link captionBand} and written as `caption-<i>.png`. Memory
 * stays one frame whatever the number of captions.
 */
export async function renderCaptionImages(runner: FfmpegRunner, request: CaptionImagesRequest): Promise<CaptionImages> {
  const distinct = new Map(request.captions.map((lines) => [captionImageKey(lines), lines]));
  const keys = [...distinct.keys()];
  const band = captionBand(request.profile, request.fontName, Math.max(1, ...request.captions.map((lines) => lines.length)));
  const files = new Map<string, string>();
  if (keys.length === 0) return { band, files };
  await mkdir(request.dir, { recursive: true });
  const script = path.join(request.dir, 'captions.ass');
  const cues: Cue[] = [...distinct.values()].map((lines, i) => ({ lines: [...lines], startSec: i, endSec: i + 1 }));
  await writeFile(script, toAss(cues, request.profile, captionStyleFor(request.profile, request.fontName), { canvas: true }), 'utf8');
  const { width, height } = request.profile;
  // The alpha format inside the source: after it, ffmpeg would hand the frames on as opaque yuv420p.
  const canvas = [filter('color', { c: 'black@0', s: `${width}x${height}`, r: 1, d: keys.length }), filter('format', ['rgba'])].map(renderFilter).join(',');
  const graph = createFilterGraph();
  const draw: FilterSpec[] = [
    filter('subtitles', { filename: script, fontsdir: request.fontsDir, alpha: 1 }),
    filter('crop', { w: width, h: band.height, x: 0, y: band.y }),
  ];
  const [out] = graph.chain(['0:v'], draw, [graph.label('captions')]);
  const pattern = path.join(request.dir, 'caption-%d.png');
  await runner.ffmpeg({
    stage: 'drawing the captions',
    args: buildFfmpegArgs({
      inputs: [{ kind: 'lavfi', graph: canvas }],
      filterGraph: graph,
      output: { path: pattern, maps: [out as string], frames: keys.length, format: 'image2', extra: ['-start_number', '0', '-fps_mode', 'passthrough'] },
    }),
    ...(request.signal === undefined ? {} : { signal: request.signal }),
  });
  keys.forEach((key, i) => files.set(key, path.join(request.dir, `caption-${i}.png`)));
  return { band, files };
}

/**
 * When a cue's image shows: the frames libass would draw it on. vf_subtitles asks libass for the
 * frame's time in whole milliseconds (truncated) and libass shows an event from its start to
 * before its end, in the centiseconds the ASS script holds.
 */
export function cueShowing(cue: Pick<Cue, 'startSec' | 'endSec'>): string {
  const ms = 'trunc(t*1000)';
  return `gte(${ms},${assCentiseconds(cue.startSec) * 10})*lt(${ms},${assCentiseconds(cue.endSec) * 10})`;
}
