import path from 'node:path';
import { buildFfmpegArgs } from './ffmpeg-args';
import type { FfmpegRunner } from './ffmpeg-runner';
import { createFilterGraph, filter, type FilterSpec } from './filter-graph';
import type { RenderProfile } from './render-profiles';

/** A still for the video's listing: one frame with the title over it. */
export interface ThumbnailRequest {
  /** A video (the final render or a segment) or an image. */
  readonly source: string;
  /** Which moment of a video; 0 for an image. */
  readonly atS: number;
  /** Drawn in a dark box at the bottom; no text when absent or blank. */
  readonly title?: string;
  readonly profile: Pick<RenderProfile, 'width' | 'height'>;
  /** `.png` or `.jpg`/`.jpeg`: the format follows the extension. */
  readonly output: string;
  /** A fontconfig family name; `DejaVu Sans` when absent. */
  readonly font?: string;
  /** A font file (the bundled fonts), used instead of asking fontconfig for `font`. */
  readonly fontFile?: string;
  readonly signal?: AbortSignal;
}

const MAX_TITLE_LINES = 3;

/**
 * Breaks a title into at most three lines of `maxChars`, greedily at spaces; what does not fit
 * ends in an ellipsis rather than running off the frame (drawtext never wraps on its own).
 */
export function wrapTitle(title: string, maxChars: number): string[] {
  const words = title.trim().split(/\s+/).filter((w) => w.length > 0);
  const lines: string[] = [];
  let current = '';
  for (const word of words) {
    const next = current.length === 0 ? word : `${current} ${word}`;
    if (next.length <= maxChars || current.length === 0) current = next;
    else {
      lines.push(current);
      current = word;
    }
  }
  if (current.length > 0) lines.push(current);
  const kept = lines.slice(0, MAX_TITLE_LINES).map((l) => (l.length > maxChars ? `${l.slice(0, maxChars - 1)}…` : l));
  if (lines.length > MAX_TITLE_LINES) kept[MAX_TITLE_LINES - 1] = `${(kept[MAX_TITLE_LINES - 1] as string).slice(0, maxChars - 1).trimEnd()}…`;
  return kept;
}

/** Title size: 8% of the height in 16:9, 10% of the width in 9:16. */
export function thumbnailFontPx(profile: Pick<RenderProfile, 'width' | 'height'>): number {
  return Math.round(profile.height > profile.width ? profile.width * 0.1 : profile.height * 0.08);
}

function titleFilter(request: ThumbnailRequest): FilterSpec | null {
  const fontPx = thumbnailFontPx(request.profile);
  // DejaVu Sans averages a little over half an em per character.
  const maxChars = Math.max(8, Math.floor((request.profile.width * 0.9) / (fontPx * 0.58)));
  const lines = wrapTitle(request.title ?? '', maxChars);
  if (lines.length === 0) return null;
  const pad = Math.round(fontPx * 0.4);
  return filter('drawtext', {
    ...(request.fontFile === undefined ? { font: request.font ?? 'DejaVu Sans' } : { fontfile: request.fontFile }),
    text: lines.join('\n'),
    // The title is the writer's text: no %{…} expansion.
    expansion: 'none',
    fontsize: fontPx,
    fontcolor: 'white',
    line_spacing: Math.round(fontPx * 0.2),
    box: 1,
    boxcolor: 'black@0.6',
    boxborderw: pad,
    x: '(w-text_w)/2',
    y: `h-text_h-${Math.round(request.profile.height * 0.08)}`,
  });
}

/**
 * Renders the thumbnail at the profile's size: the frame scaled to cover it and cropped to the
 * centre, the title wrapped into a readable box.
 */
export async function renderThumbnail(runner: FfmpegRunner, request: ThumbnailRequest): Promise<void> {
  const { width, height } = request.profile;
  const chain: FilterSpec[] = [
    filter('scale', { w: width, h: height, force_original_aspect_ratio: 'increase' }),
    filter('crop', [width, height]),
    filter('setsar', [1]),
  ];
  const title = titleFilter(request);
  if (title) chain.push(title);
  const graph = createFilterGraph();
  const [v] = graph.chain(['0:v'], chain, [graph.label('thumb')]);
  const jpeg = /\.jpe?g$/i.test(request.output);
  const args = buildFfmpegArgs({
    inputs: [{ kind: 'file', path: request.source, ...(request.atS > 0 ? { seekS: request.atS } : {}) }],
    filterGraph: graph,
    output: { path: request.output, maps: [v as string], frames: 1, extra: jpeg ? ['-q:v', '2'] : [], ...(jpeg ? {} : { video: { codec: 'png' } }) },
  });
  await runner.ffmpeg({ stage: `making the thumbnail ${path.basename(request.output)}`, args, outputPath: request.output, ...(request.signal ? { signal: request.signal } : {}) });
}
