import type { Cue } from '../captions';
import type { RenderProfile } from './render-profiles';

/** How burned-in captions look in one profile, in the frame's pixels. */
export interface CaptionStyle {
  readonly fontName: string;
  readonly fontPx: number;
  /** Distance of the last line from the bottom edge. */
  readonly marginVPx: number;
  /** Distance from the left and right edges. */
  readonly marginHPx: number;
  /** Outline thickness around the letters, what keeps them readable on any picture. */
  readonly outlinePx: number;
}

/**
 * The style for a profile. Sizes follow the frame: in 16:9 the font is 5% of the height; in 9:16
 * it is 7% of the width (larger than 16:9's at the same width, as phones are held close) and the
 * captions sit 14% up so the platform's buttons and description do not cover them.
 */
export function captionStyleFor(profile: Pick<RenderProfile, 'width' | 'height'>, fontName = 'DejaVu Sans'): CaptionStyle {
  const vertical = profile.height > profile.width;
  const fontPx = Math.round(vertical ? profile.width * 0.07 : profile.height * 0.05);
  return {
    fontName,
    fontPx,
    marginVPx: Math.round(profile.height * (vertical ? 0.14 : 0.06)),
    marginHPx: Math.round(profile.width * 0.05),
    outlinePx: Math.max(1, Math.round(fontPx / 18)),
  };
}

const hex2 = (n: number) => n.toString(16).toUpperCase().padStart(2, '0');

/**
 * An ASS alpha (0 opaque … 255 transparent) for drawing on a transparent canvas: libass's filter
 * (ffmpeg 5.1, `alpha=1`) blends a colour into the alpha channel with its opacity applied twice
 * (as coverage and as the value written), so it asks for the square root of the opacity meant.
 */
export function canvasAlpha(alpha: number): number {
  const opacity = (255 - alpha) / 255;
  return Math.round(255 - 255 * Math.sqrt(opacity));
}

/** A time as ASS writes it, in whole centiseconds: libass shows an event from its start to before its end at this precision. */
export function assCentiseconds(seconds: number): number {
  return Math.max(0, Math.round(seconds * 100));
}

const assTime = (seconds: number) => {
  const cs = assCentiseconds(seconds);
  const h = Math.floor(cs / 360_000);
  const m = Math.floor(cs / 6000) % 60;
  const s = Math.floor(cs / 100) % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${h}:${pad(m)}:${pad(s)}.${pad(cs % 100)}`;
};

/**
 * Escapes a caption line for an ASS event: a backslash gets a zero-width space after it so `\N`
 * or `\i1` in the text stays text; braces (ASS override blocks, with no escape libass reads
 * everywhere) become parentheses.
 */
export function escapeAssText(line: string): string {
  return line.replace(/\\/g, '\\\u200b').replace(/\{/g, '(').replace(/\}/g, ')');
}

/**
 * An ASS script whose coordinates are the frame's pixels (PlayRes = the profile's size), so the
 * style's sizes are exact in every profile and 9:16 is not stretched. Lines are already balanced
 * by the caption layout, so libass does not re-wrap them (WrapStyle 2).
 */
export function toAss(cues: readonly Cue[], profile: Pick<RenderProfile, 'width' | 'height'>, style: CaptionStyle, options: { canvas?: boolean } = {}): string {
  // On a transparent canvas (see caption-images.ts) libass's filter writes a colour's opacity
  // squared into the alpha channel; the square root of the shadow's lands at its opacity.
  const back = options.canvas === true ? canvasAlpha(0x80) : 0x80;
  const header = [
    '[Script Info]',
    'ScriptType: v4.00+',
    `PlayResX: ${profile.width}`,
    `PlayResY: ${profile.height}`,
    'WrapStyle: 2',
    'ScaledBorderAndShadow: yes',
    '',
    '[V4+ Styles]',
    'Format: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, BackColour, Bold, Italic, Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, BorderStyle, Outline, Shadow, Alignment, MarginL, MarginR, MarginV, Encoding',
    // White letters, black outline, a soft shadow; bottom centre (alignment 2).
    `Style: Default,${style.fontName.replace(/,/g, ' ')},${style.fontPx},&H00FFFFFF,&H000000FF,&H00000000,&H${hex2(back)}000000,-1,0,0,0,100,100,0,0,1,${style.outlinePx},${Math.max(1, Math.round(style.outlinePx / 2))},2,${style.marginHPx},${style.marginHPx},${style.marginVPx},1`,
    '',
    '[Events]',
    'Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text',
  ];
  const events = cues.map((cue) => `Dialogue: 0,${assTime(cue.startSec)},${assTime(cue.endSec)},Default,,0,0,0,,${cue.lines.map(escapeAssText).join('\\N')}`);
  return `${[...header, ...events].join('\n')}\n`;
}
