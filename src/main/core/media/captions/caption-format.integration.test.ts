import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../../shared/ipc/errors';
import { createEspeakEngine, createNarrator, createTtsCache, createTtsService } from '../tts';
import { parseSrt, parseVtt, srtTimestamp, toSrt, toVtt, vttTimestamp } from './caption-format';
import { buildCues, captionLayoutSchema, type Cue } from './caption-layout';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'nova-captions-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** ffmpeg reads a subtitle file and writes it back as SRT: what it understood. */
async function throughFfmpeg(name: string, text: string): Promise<Cue[]> {
  const file = path.join(dir, name);
  await writeFile(file, text);
  return parseSrt(execFileSync('ffmpeg', ['-v', 'error', '-i', file, '-f', 'srt', '-'], { encoding: 'utf8' }));
}

const CUES: Cue[] = [
  { startSec: 0, endSec: 1.2345, lines: ['Tom & Jerry <b>ran</b>', 'x --> y'] },
  { startSec: 3661.5, endSec: 3662.0004, lines: ['An hour {\\b1} later'] },
];

describe('timestamps', () => {
  it('writes hours, minutes, seconds and milliseconds, rounded to the millisecond', () => {
    expect(srtTimestamp(0)).toBe('00:00:00,000');
    expect(srtTimestamp(3661.0715)).toBe('01:01:01,072');
    expect(vttTimestamp(59.9996)).toBe('00:01:00.000');
    expect(vttTimestamp(100 * 3600)).toBe('100:00:00.000');
  });
});

describe('SRT and WebVTT', () => {
  it('writes SRT that parses back, with markup neutralised', () => {
    const srt = toSrt(CUES);
    expect(srt).toBe(
      '1\n00:00:00,000 --> 00:00:01,235\nTom & Jerry ‹b›ran‹/b›\nx --› y\n\n2\n01:01:01,500 --> 01:01:02,000\nAn hour (∖b1) later\n',
    );
    expect(parseSrt(srt)).toEqual([
      { startSec: 0, endSec: 1.235, lines: ['Tom & Jerry ‹b›ran‹/b›', 'x --› y'] },
      { startSec: 3661.5, endSec: 3662, lines: ['An hour (∖b1) later'] },
    ]);
  });

  it('writes WebVTT with character references that parses back to the same text', () => {
    const vtt = toVtt(CUES);
    expect(vtt.startsWith('WEBVTT\n\n00:00:00.000 --> 00:00:01.235\nTom &amp; Jerry &lt;b&gt;ran&lt;/b&gt;\nx --&gt; y\n')).toBe(true);
    expect(parseVtt(vtt).map((c) => c.lines)).toEqual(CUES.map((c) => c.lines));
    expect(() => parseVtt('1\n00:00:00,000 --> 00:00:01,000\nhi\n')).toThrow(expect.objectContaining({ code: ErrorCode.INVALID_INPUT }));
  });

  it('keeps each cue on screen for at least a millisecond and drops empty ones', () => {
    const srt = toSrt([
      { startSec: 2, endSec: 2.0001, lines: ['Blink'] },
      { startSec: 1, endSec: 1.5, lines: ['  '] },
      { startSec: 0, endSec: 1, lines: ['two\n\nlines'] },
    ]);
    expect(parseSrt(srt)).toEqual([
      { startSec: 0, endSec: 1, lines: ['two lines'] },
      { startSec: 2, endSec: 2.001, lines: ['Blink'] },
    ]);
  });

  it('is read by ffmpeg with the same timings and text', async () => {
    expect(await throughFfmpeg('cues.srt', toSrt(CUES))).toEqual(parseSrt(toSrt(CUES)));
    const fromVtt = await throughFfmpeg('cues.vtt', toVtt(CUES));
    expect(fromVtt.map((c) => [c.startSec, c.endSec])).toEqual([[0, 1.235], [3661.5, 3662]]);
    // ffmpeg decodes the references back to text (and re-emits < > as SRT markup).
    expect(fromVtt[0]?.lines[0]).toBe('Tom & Jerry <b>ran</b>');
  });
});

describe('captions timed from a real narration', () => {
  it('places every cue inside its sentence span and ffmpeg reads the file back identically', async () => {
    const tts = createTtsService({ engines: [createEspeakEngine()], cache: createTtsCache({ dir: path.join(dir, 'tts') }) });
    const narration = await createNarrator({ tts }).narrate({
      text: 'The storm came in from the west, bending the pines along the ridge, and by nightfall the village had lost its lights. Then silence.',
      profiles: [{ engine: 'espeak-ng', voice: 'en-us', speed: 1, pitch: 0 }],
    });
    const cues = buildCues(narration.sentences, captionLayoutSchema.parse({ maxCharsPerLine: 24, maxLinesPerCue: 2 }));
    expect(cues.length).toBeGreaterThan(3);
    for (const cue of cues) {
      const owner = narration.sentences.find((s) => cue.startSec >= s.startSec && cue.endSec <= s.endSec);
      expect(owner, `cue ${cue.lines.join(' / ')} lies inside one sentence`).toBeDefined();
    }
    expect(cues[0]?.startSec).toBe(0);
    expect(cues.at(-1)?.endSec).toBe(narration.durationSec);
    const parsed = await throughFfmpeg('narration.srt', toSrt(cues));
    expect(parsed).toEqual(parseSrt(toSrt(cues)));
    parsed.forEach((cue, i) => expect(Math.abs(cue.startSec - (cues[i]?.startSec ?? -1))).toBeLessThanOrEqual(0.0005));
  });
});
