import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFfmpegArgs } from './ffmpeg-args';
import { createFfmpegService } from './ffmpeg.service';
import { filter, renderFilter } from './filter-graph';
import { FINAL_MIX_TARGET, loudnessGain } from './loudness';

// Real ffmpeg: quiet tones normalised, then measured independently with ebur128.
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

  it('normalises a clip shorter than 3 s (loudnorm left those near −50 LUFS)', async () => {
    const short = path.join(dir, 'short.wav');
    await makeAudio(short, `${renderFilter(filter('sine', { frequency: 220, sample_rate: 48000 }))},${renderFilter(filter('volume', ['-20dB']))}`, 2);
    const output = path.join(dir, 'short-final.wav');
    await service.normaliseLoudness(short, output, { target: FINAL_MIX_TARGET });
    const m = await service.measureLoudness(output);
    expect(Math.abs(m.integratedLufs - -14)).toBeLessThanOrEqual(1);
  });

  it('holds peaks under the ceiling with a limiter when the gain would push them over, keeping the loudness', async () => {
    // A quiet tone with a 1 ms click (too short to count in the loudness): the gain the tone needs
    // would put the click over 0 dBFS.
    const peaky = path.join(dir, 'peaky.wav');
    await makeAudio(peaky, "aevalsrc=exprs='0.1*sin(2*PI*330*t)+0.6*sin(2*PI*1000*t)*between(t,1,1.001)':s=48000", 4);
    const before = await service.measureLoudness(peaky);
    expect(loudnessGain(before, FINAL_MIX_TARGET).limitDbfs).not.toBeNull();
    const output = path.join(dir, 'peaky-final.wav');
    await service.normaliseLoudness(peaky, output, { target: FINAL_MIX_TARGET });
    const m = await service.measureLoudness(output);
    expect(Math.abs(m.integratedLufs - -14)).toBeLessThanOrEqual(1);
    expect(m.truePeakDbtp).toBeLessThanOrEqual(-1);
  });

  it('leaves silence as it is', () => {
    expect(loudnessGain({ integratedLufs: -70, truePeakDbtp: -Infinity, lraLu: 0 }, FINAL_MIX_TARGET)).toEqual({ gainDb: 0, limitDbfs: null });
  });
});

async function makeAudio(file: string, graph: string, durationS: number) {
  await service.runner.ffmpeg({
    stage: 'making test audio',
    args: buildFfmpegArgs({ inputs: [{ kind: 'lavfi', graph, durationS }], output: { path: file, maps: ['0:a'], audio: { codec: 'pcm_s16le' } } }),
  });
}
