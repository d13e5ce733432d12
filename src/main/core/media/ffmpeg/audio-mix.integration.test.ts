import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError, ErrorCode } from '../../../../shared/ipc/errors';
import { buildMixGraph, mixFinalAudio } from './audio-mix';
import { buildFfmpegArgs } from './ffmpeg-args';
import type { FfmpegRunner } from './ffmpeg-runner';
import { createFfmpegService } from './ffmpeg.service';
import { filter, renderFilter } from './filter-graph';

// Real ffmpeg. The "voice" is a 3 kHz tone that speaks only from 1 s to 3 s of a 5 s narration;
// the "music" a 2 s, 100 Hz tone (so it must loop). Low-passing the mix at 200 Hz removes the
// voice and leaves the music, whose level is compared while the voice speaks and after it.
const service = createFfmpegService();
let dir = '';
let voice = '';
let music = '';

async function generate(file: string, graph: string, durationS: number) {
  await service.runner.ffmpeg({
    stage: 'making test audio',
    args: buildFfmpegArgs({ inputs: [{ kind: 'lavfi', graph, durationS }], output: { path: file, maps: ['0:a'], audio: { codec: 'pcm_s16le' } } }),
  });
}

/** RMS level (dBFS) of the music alone in [startS, endS): the mix low-passed below the voice. */
async function musicLevel(file: string, startS: number, endS: number): Promise<number> {
  const chain = [filter('atrim', { start: startS, end: endS }), filter('lowpass', { f: 200 }), filter('lowpass', { f: 200 }), filter('astats', { measure_perchannel: 'none' })];
  const { stderrTail } = await service.runner.ffmpeg({
    stage: 'measuring the music',
    args: buildFfmpegArgs({ inputs: [{ kind: 'file', path: file }], audioFilter: chain.map(renderFilter).join(','), output: { path: '-', maps: ['0:a'], video: null, format: 'null' } }),
    keepStderrLines: 40,
  });
  const line = stderrTail.findLast((l) => l.includes('RMS level dB:'));
  const value = Number(/RMS level dB:\s*(-?[\d.]+)/.exec(line ?? '')?.[1]);
  expect(Number.isFinite(value)).toBe(true);
  return value;
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'nova-mix-'));
  voice = path.join(dir, 'voice.wav');
  music = path.join(dir, 'music.wav');
  await generate(voice, renderFilter(filter('aevalsrc', { exprs: 'if(between(t,1,3),0.3*sin(2*PI*3000*t),0)', s: 48000, d: 5 })), 5);
  await generate(music, renderFilter(filter('sine', { frequency: 100, sample_rate: 48000 })), 2);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('the final audio mix on real ffmpeg', () => {
  it('ducks the music under the voice, loops it to the length, and lands at −14 LUFS ±1', async () => {
    const ducked = path.join(dir, 'ducked.wav');
    const plain = path.join(dir, 'plain.wav');
    const fractions: number[] = [];
    await service.mixFinalAudio({ narration: voice, music: { path: music, gainDb: -6, fadeS: 0.5 }, durationS: 5, output: ducked, onProgress: (f) => fractions.push(f) });
    await service.mixFinalAudio({ narration: voice, music: { path: music, gainDb: -6, fadeS: 0.5, duck: false }, durationS: 5, output: plain });

    // Window 1.5–2.5 s: the voice speaks. Window 3.6–4.4 s: it has stopped (and the 2 s music has looped).
    const duckedDuring = await musicLevel(ducked, 1.5, 2.5);
    const duckedAfter = await musicLevel(ducked, 3.6, 4.4);
    const plainDuring = await musicLevel(plain, 1.5, 2.5);
    const plainAfter = await musicLevel(plain, 3.6, 4.4);
    expect(Math.abs(plainDuring - plainAfter)).toBeLessThan(1);
    expect(duckedAfter - duckedDuring).toBeGreaterThan(6);

    for (const file of [ducked, plain]) {
      const loudness = await service.measureLoudness(file);
      expect(Math.abs(loudness.integratedLufs - -14)).toBeLessThanOrEqual(1);
      const info = await service.probe(file);
      expect(info.durationS).toBeCloseTo(5, 1);
      expect(info.streams[0]).toMatchObject({ type: 'audio', codec: 'pcm_s16le', sampleRate: 48000, channels: 2 });
    }
    expect(fractions.at(-1)).toBe(1);
    expect(fractions.every((f, i) => i === 0 || f >= (fractions[i - 1] as number))).toBe(true);
    // The unnormalised premix is temporary.
    expect((await readdir(dir)).filter((f) => f.includes('premix'))).toEqual([]);
  });

  it('pads a short narration with silence to the video length when there is no music', async () => {
    const output = path.join(dir, 'voice-only.wav');
    await service.mixFinalAudio({ narration: voice, durationS: 6, output });
    const info = await service.probe(output);
    expect(info.durationS).toBeCloseTo(6, 1);
    expect(Math.abs((await service.measureLoudness(output)).integratedLufs - -14)).toBeLessThanOrEqual(1);
  });

  it('measures the mix while mixing it and encodes the delivered AAC in the gain pass: two ffmpeg runs, −14 LUFS ±1, under −1 dBTP', async () => {
    const output = path.join(dir, 'delivered.m4a');
    const stages: string[] = [];
    const counting: FfmpegRunner = {
      ...service.runner,
      ffmpeg: (request) => {
        stages.push(request.stage);
        return service.runner.ffmpeg(request);
      },
    };
    await mixFinalAudio(counting, { narration: voice, music: { path: music, gainDb: -6 }, durationS: 5, output, audio: { codec: 'aac', bitrate: '192k', sampleRate: 48000, channels: 2 } });
    expect(stages).toEqual(['mixing the soundtrack', 'normalising the loudness of .delivered.m4a.premix.wav']);
    const info = await service.probe(output);
    expect(info.streams[0]).toMatchObject({ type: 'audio', codec: 'aac', sampleRate: 48000, channels: 2 });
    const loudness = await service.measureLoudness(output);
    expect(Math.abs(loudness.integratedLufs - -14)).toBeLessThanOrEqual(1);
    expect(loudness.truePeakDbtp).toBeLessThanOrEqual(-1);
  });

  it('stops on a cancel, even one made before a step starts, leaving neither the premix nor the output', async () => {
    const output = path.join(dir, 'cancelled.wav');
    const controller = new AbortController();
    controller.abort();
    const error = await service.mixFinalAudio({ narration: voice, music: { path: music }, durationS: 5, output, signal: controller.signal }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe(ErrorCode.CANCELLED);
    expect(existsSync(output)).toBe(false);
    expect((await readdir(dir)).filter((f) => f.includes('premix') || f.includes('cancelled'))).toEqual([]);
  });

  it('keys the compressor by the voice and loops the music input', () => {
    const { graph } = buildMixGraph({ music: { path: '/m.mp3' }, durationS: 10 });
    const text = graph.toString();
    expect(text).toMatch(/\[music\d+\]\[key\d+\]sidechaincompress=/);
    expect(text).toContain('afade=t=out:st=8.5:d=1.5');
    expect(buildFfmpegArgs({ inputs: [{ kind: 'file', path: '/m.mp3', streamLoop: true }], output: { path: '/o.wav', maps: ['0:a'] } })).toContain('-stream_loop');
  });
});
