import { describe, expect, it } from 'vitest';
import { buildFfmpegArgs } from './ffmpeg-args';
import { createFilterGraph, filter, renderFilter } from './filter-graph';
import { INTERMEDIATE_VIDEO, RENDER_PROFILES, scaledProfile } from './render-profiles';

describe('buildFfmpegArgs', () => {
  it('orders global options, each input, the graph and the output as ffmpeg needs them', () => {
    const g = createFilterGraph();
    const [v] = g.chain(['0:v'], [filter('scale', [1280, 720])], [g.label('v')]);
    const args = buildFfmpegArgs({
      inputs: [
        { kind: 'file', path: '/img/a b.png', loop: true, framerate: 30, durationS: 2.5 },
        { kind: 'lavfi', graph: renderFilter(filter('sine', { f: 440, r: 48000 })), durationS: 2.5 },
      ],
      filterGraph: g,
      output: {
        path: '/out/x.mp4',
        maps: [v as string, '1:a'],
        video: RENDER_PROFILES['youtube-720p'].video,
        audio: RENDER_PROFILES['youtube-720p'].audio,
        durationS: 2.5,
        faststart: true,
      },
    });
    expect(args).toEqual([
      '-hide_banner', '-nostdin', '-y', '-progress', 'pipe:1', '-nostats',
      '-loop', '1', '-framerate', '30', '-t', '2.5', '-i', '/img/a b.png',
      '-f', 'lavfi', '-t', '2.5', '-i', 'sine=f=440:r=48000',
      '-filter_complex', '[0:v]scale=1280:720[v0]',
      '-map', '[v0]', '-map', '1:a',
      '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '21', '-pix_fmt', 'yuv420p',
      '-c:a', 'aac', '-b:a', '192k', '-ar', '48000', '-ac', '2', '-aac_coder', 'fast', '-aac_ms', '0',
      '-t', '2.5', '-movflags', '+faststart', '/out/x.mp4',
    ]);
  });

  it('keeps a path that starts with a dash from being read as an option, and can skip progress and overwrite', () => {
    const args = buildFfmpegArgs({
      inputs: [{ kind: 'file', path: '-odd.wav', seekS: 1, format: 'wav' }],
      audioFilter: 'volume=2',
      progress: false,
      overwrite: false,
      output: { path: '-out.wav', maps: ['0:a:0'], video: null, audio: { codec: 'pcm_s16le' }, frames: 3, format: 'wav', extra: ['-shortest'] },
    });
    expect(args).toEqual([
      '-hide_banner', '-nostdin', '-n',
      '-f', 'wav', '-ss', '1', '-i', 'file:-odd.wav',
      '-af', 'volume=2',
      '-map', '0:a:0', '-vn', '-c:a', 'pcm_s16le', '-frames:v', '3', '-f', 'wav', '-shortest', 'file:-out.wav',
    ]);
  });

  it('sets an input\'s decoder threads before its -i', () => {
    const args = buildFfmpegArgs({ inputs: [{ kind: 'file', path: 'a.mkv', threads: 1 }], progress: false, output: { path: 'b.mp4', maps: ['0:v'] } });
    expect(args.slice(3, 7)).toEqual(['-threads', '1', '-i', 'a.mkv']);
  });

  it('places demuxer options before the input\'s -i, after its format', () => {
    const args = buildFfmpegArgs({ inputs: [{ kind: 'file', path: '/w/list.txt', format: 'concat', demuxerOptions: ['-safe', '0'] }], progress: false, output: { path: 'b.mp4', maps: ['0:v'] } });
    expect(args.slice(3, 9)).toEqual(['-f', 'concat', '-safe', '0', '-i', '/w/list.txt']);
  });

  it('sets the graph\'s filter threads as a global option, before the inputs', () => {
    const args = buildFfmpegArgs({ inputs: [{ kind: 'file', path: 'a.y4m' }], filterGraph: '[0:v]null[v]', filterThreads: 1, progress: false, output: { path: 'b.mp4', maps: ['v'] } });
    expect(args.slice(3, 7)).toEqual(['-filter_complex_threads', '1', '-i', 'a.y4m']);
  });

  it('asks ffmpeg to stop at the first error, before the inputs', () => {
    const args = buildFfmpegArgs({ inputs: [{ kind: 'file', path: 'list.txt', format: 'concat' }], exitOnError: true, progress: false, output: { path: 'b.mp4', maps: ['0:v'] } });
    expect(args.slice(3, 8)).toEqual(['-xerror', '-f', 'concat', '-i', 'list.txt']);
  });

  it('refuses negative or non-finite numbers', () => {
    expect(() => buildFfmpegArgs({ inputs: [{ kind: 'file', path: 'a', durationS: -1 }], output: { path: 'b', maps: [] } })).toThrow();
    expect(() => buildFfmpegArgs({ inputs: [], output: { path: 'b', maps: [], durationS: Infinity } })).toThrow();
  });
});

describe('render profiles', () => {
  it('has 1080p and 720p 16:9 and 1080×1920 9:16, x264 veryfast CRF, yuv420p, AAC 48 kHz stereo', () => {
    const sizes = Object.values(RENDER_PROFILES).map((p) => [p.id, p.width, p.height, p.fps]);
    expect(sizes).toEqual([
      ['youtube-1080p', 1920, 1080, 30],
      ['youtube-720p', 1280, 720, 30],
      ['shorts-1080x1920', 1080, 1920, 30],
    ]);
    for (const p of Object.values(RENDER_PROFILES)) {
      expect(p.video).toMatchObject({ codec: 'libx264', preset: 'veryfast', pixelFormat: 'yuv420p' });
      expect(p.video.crf).toBeGreaterThan(15);
      expect(p.audio).toEqual({ codec: 'aac', bitrate: '192k', sampleRate: 48000, channels: 2, encoderOptions: { aac_coder: 'fast', aac_ms: 0 } });
    }
    expect(INTERMEDIATE_VIDEO.qp).toBe(0);
  });

  it('scales a profile for small test renders and refuses odd sizes', () => {
    expect(scaledProfile(RENDER_PROFILES['youtube-720p'], 320, 180)).toMatchObject({ width: 320, height: 180, fps: 30 });
    expect(() => scaledProfile(RENDER_PROFILES['youtube-720p'], 321, 180)).toThrow(/even/);
  });
});
