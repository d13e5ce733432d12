import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFfmpegArgs } from './ffmpeg-args';
import { createFfmpegService } from './ffmpeg.service';
import { filter, renderFilter } from './filter-graph';
import { FINAL_MIX_TARGET } from './loudness';

// Real ffmpeg: a quiet 4 s tone (loudnorm needs a few seconds to measure), normalised, then
// measured independently with ebur128.
const service = createFfmpegService();
let dir = '';
let quiet = '';

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'nova-loudness-'));
  quiet = path.join(dir, 'quiet.wav');
  const tone = renderFilter(filter('sine', { frequency: 330, sample_rate: 48000 }));
  await service.runner.ffmpeg({
    stage: 'making a test tone',
    args: buildFfmpegArgs({
      inputs: [{ kind: 'lavfi', graph: `${tone},${renderFilter(filter('volume', ['-12dB']))}`, durationS: 4 }],
      output: { path: quiet, maps: ['0:a'], audio: { codec: 'pcm_s16le' } },
    }),
  });
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('loudness on real ffmpeg', () => {
  it('measures integrated loudness, true peak and range with ebur128', async () => {
    const m = await service.measureLoudness(quiet);
    // A sine at 1/8 full scale, 12 dB down: about −36 LUFS, peak about −30 dBTP, no range.
    expect(m.integratedLufs).toBeGreaterThan(-40);
    expect(m.integratedLufs).toBeLessThan(-30);
    expect(m.truePeakDbtp).toBeLessThan(-25);
    expect(m.lraLu).toBeCloseTo(0, 0);
  });

  it('normalises to the final-mix target (−14 LUFS, −1 dBTP) within ±1 LU, as a 48 kHz file', async () => {
    const output = path.join(dir, 'final.wav');
    const fractions: number[] = [];
    await service.normaliseLoudness(quiet, output, { target: FINAL_MIX_TARGET, onProgress: (f) => fractions.push(f) });
    const m = await service.measureLoudness(output);
    expect(Math.abs(m.integratedLufs - -14)).toBeLessThanOrEqual(1);
    expect(m.truePeakDbtp).toBeLessThanOrEqual(-1 + 0.5);
    expect(fractions).toEqual([0.5, 1]);
    const info = await service.probe(output);
    expect(info.streams[0]).toMatchObject({ type: 'audio', codec: 'pcm_s16le', sampleRate: 48000 });
  });

  it('normalises to a narration target given as a parameter', async () => {
    const output = path.join(dir, 'narration.wav');
    await service.normaliseLoudness(quiet, output, { target: { integratedLufs: -19, truePeakDbtp: -2, lraLu: 7 } });
    const m = await service.measureLoudness(output);
    expect(Math.abs(m.integratedLufs - -19)).toBeLessThanOrEqual(1);
  });
});
