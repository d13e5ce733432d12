import { describe, expect, it } from 'vitest';
import { parseProbeJson, parseRate } from './ffprobe-reader';
import { kenBurnsMotion } from './ken-burns';
import { parseEbur128Summary } from './loudness';

describe('parseProbeJson', () => {
  it('reads duration and typed streams', () => {
    const json = JSON.stringify({
      format: { duration: '2.000000', format_name: 'mov,mp4,m4a,3gp,3g2,mj2' },
      streams: [
        { index: 0, codec_type: 'video', codec_name: 'h264', width: 1920, height: 1080, avg_frame_rate: '30000/1001', duration: '2.0' },
        { index: 1, codec_type: 'audio', codec_name: 'aac', sample_rate: '48000', channels: 2 },
        { index: 2, codec_type: 'data' },
      ],
    });
    const info = parseProbeJson(json);
    expect(info.durationS).toBe(2);
    expect(info.streams[0]).toMatchObject({ type: 'video', codec: 'h264', width: 1920, height: 1080, durationS: 2 });
    expect(info.streams[0]?.fps).toBeCloseTo(29.97, 2);
    expect(info.streams[1]).toEqual({ index: 1, type: 'audio', codec: 'aac', sampleRate: 48000, channels: 2 });
    expect(info.streams[2]).toEqual({ index: 2, type: 'other', codec: 'unknown' });
  });

  it('reads rates and refuses nonsense', () => {
    expect(parseRate('30/1')).toBe(30);
    expect(parseRate('0/0')).toBeUndefined();
    expect(parseRate('25')).toBe(25);
    expect(() => parseProbeJson('{"streams": "no"}')).toThrow();
  });
});

describe('loudness parsers', () => {
  it('reads the ebur128 summary (the last one when there are several)', () => {
    const lines = [
      '[Parsed_ebur128_0 @ 0x1] Summary:', '  Integrated loudness:', '    I:         -70.0 LUFS',
      'size=N/A time=00:00:04.00',
      '[Parsed_ebur128_0 @ 0x1] Summary:', '  Integrated loudness:', '    I:         -14.2 LUFS', '    Threshold: -24.2 LUFS',
      '  Loudness range:', '    LRA:         3.5 LU', '    Threshold: -34.0 LUFS',
      '  True peak:', '    Peak:       -1.3 dBFS',
    ];
    expect(parseEbur128Summary(lines)).toEqual({ integratedLufs: -14.2, truePeakDbtp: -1.3, lraLu: 3.5 });
    expect(parseEbur128Summary(['nothing here'])).toBeNull();
    const silent = ['Summary:', 'I: -70.0 LUFS', 'LRA: 0.0 LU', 'Peak: -inf dBFS'];
    expect(parseEbur128Summary(silent)?.truePeakDbtp).toBe(-Infinity);
  });
});

describe('kenBurnsMotion', () => {
  it('is the same for a seed, differs between seeds, and stays within the frame', () => {
    expect(kenBurnsMotion('scene-1')).toEqual(kenBurnsMotion('scene-1'));
    expect(kenBurnsMotion('scene-1')).not.toEqual(kenBurnsMotion('scene-2'));
    for (let i = 0; i < 50; i++) {
      const m = kenBurnsMotion(`s${i}`);
      expect(Math.min(m.startZoom, m.endZoom)).toBe(1);
      expect(Math.max(m.startZoom, m.endZoom)).toBeGreaterThanOrEqual(1.1);
      expect(Math.max(m.startZoom, m.endZoom)).toBeLessThanOrEqual(1.22);
      for (const v of [m.startX, m.startY, m.endX, m.endY]) expect(v >= 0.15 && v <= 0.85).toBe(true);
    }
  });

});
