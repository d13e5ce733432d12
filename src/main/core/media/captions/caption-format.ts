import { AppError, ErrorCode } from '../../../../shared/ipc/errors';
import type { Cue } from './caption-layout';

const pad = (value: number, width: number) => String(value).padStart(width, '0');

/** Whole milliseconds, so a cue's start and end round the same way in both formats. */
const toMs = (seconds: number) => Math.max(0, Math.round(seconds * 1000));

function timestamp(ms: number, separator: ',' | '.'): string {
  const hours = Math.floor(ms / 3_600_000);
  const minutes = Math.floor(ms / 60_000) % 60;
  const secs = Math.floor(ms / 1000) % 60;
  return `${pad(hours, 2)}:${pad(minutes, 2)}:${pad(secs, 2)}${separator}${pad(ms % 1000, 3)}`;
}

/** `HH:MM:SS,mmm` (SRT). */
export const srtTimestamp = (seconds: number) => timestamp(toMs(seconds), ',');
/** `HH:MM:SS.mmm` (WebVTT). */
export const vttTimestamp = (seconds: number) => timestamp(toMs(seconds), '.');

/** A line never holds a line break (a blank line would end the cue early). */
const oneLine = (line: string) => line.replace(/\s*[\r\n]+\s*/g, ' ').trim();

/**
 * SRT has no escapes, and players (ffmpeg, libass) read `<i>`, `{\b1}` and `\N` in it as markup,
 * so those characters become look-alikes that are shown as written.
 */
export function escapeSrtLine(line: string): string {
  return oneLine(line).replace(/</g, '‹').replace(/>/g, '›').replace(/\{/g, '(').replace(/\}/g, ')').replace(/\\/g, '∖');
}

/** WebVTT escapes `&`, `<` and `>` as character references (so `-->` can never appear in a cue). */
export function escapeVttLine(line: string): string {
  return oneLine(line).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Cues with at least one millisecond on screen after rounding, in time order. */
function printable(cues: readonly Cue[]): Array<{ start: number; end: number; lines: string[] }> {
  return cues
    .map((cue) => ({ start: toMs(cue.startSec), end: Math.max(toMs(cue.endSec), toMs(cue.startSec) + 1), lines: cue.lines }))
    .filter((cue) => cue.lines.some((line) => line.trim() !== ''))
    .sort((a, b) => a.start - b.start);
}

/** An SRT file: numbered cues from 1, CRLF-free, ending with a blank line. */
export function toSrt(cues: readonly Cue[]): string {
  return printable(cues)
    .map((cue, index) => `${index + 1}\n${timestamp(cue.start, ',')} --> ${timestamp(cue.end, ',')}\n${cue.lines.map(escapeSrtLine).join('\n')}\n`)
    .join('\n');
}

/** A WebVTT file: the `WEBVTT` header, then one block per cue. */
export function toVtt(cues: readonly Cue[]): string {
  const blocks = printable(cues).map((cue) => `${timestamp(cue.start, '.')} --> ${timestamp(cue.end, '.')}\n${cue.lines.map(escapeVttLine).join('\n')}\n`);
  return ['WEBVTT\n', ...blocks].join('\n');
}

const TIMING = /^\s*(?:(\d+):)?(\d{2}):(\d{2})[,.](\d{3})\s+-->\s+(?:(\d+):)?(\d{2}):(\d{2})[,.](\d{3})/;

const seconds = (h: string | undefined, m: string | undefined, s: string | undefined, ms: string | undefined) =>
  // Summed in whole milliseconds first, so 1.235 reads back as 1.235 and not 1.2349999…
  (Number(h ?? 0) * 3_600_000 + Number(m) * 60_000 + Number(s) * 1000 + Number(ms)) / 1000;

/** Cues from the blocks of an SRT or WebVTT file (blocks without a timing line are skipped: header, NOTE, STYLE). */
function parseBlocks(text: string, unescape: (line: string) => string): Cue[] {
  const cues: Cue[] = [];
  for (const block of text.replace(/\r\n?/g, '\n').split(/\n{2,}/)) {
    const lines = block.split('\n');
    const timingIndex = lines.findIndex((line) => TIMING.test(line));
    const match = timingIndex >= 0 ? TIMING.exec(lines[timingIndex] ?? '') : null;
    if (!match) continue;
    const body = lines.slice(timingIndex + 1).filter((line) => line !== '');
    cues.push({ startSec: seconds(match[1], match[2], match[3], match[4]), endSec: seconds(match[5], match[6], match[7], match[8]), lines: body.map(unescape) });
  }
  return cues;
}

/** Reads an SRT file back into cues. */
export function parseSrt(text: string): Cue[] {
  return parseBlocks(text, (line) => line);
}

/** Reads a WebVTT file back into cues, undoing the character references {@link toVtt} writes. */
export function parseVtt(text: string): Cue[] {
  if (!/^\uFEFF?WEBVTT(?:[ \t].*)?(?:\n|$)/.test(text.replace(/\r\n?/g, '\n'))) throw new AppError(ErrorCode.INVALID_INPUT, 'This is not a WebVTT file: it must start with WEBVTT.');
  return parseBlocks(text, (line) => line.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&nbsp;/g, '\u00a0').replace(/&amp;/g, '&'));
}
