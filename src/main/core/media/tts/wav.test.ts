import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../../shared/ipc/errors';
import { convertPcm, durationOf, encodeWav, parseWav, type PcmAudio } from './wav';

const mono = (samples: number[], sampleRate = 8000): PcmAudio => {
  const data = Buffer.alloc(samples.length * 2);
  samples.forEach((s, i) => data.writeInt16LE(s, i * 2));
  return { format: { sampleRate, channels: 1, bitsPerSample: 16 }, data };
};

describe('wav', () => {
  it('round-trips a canonical WAV with exact sizes and duration', () => {
    const audio = mono([0, 100, -100, 32767, -32768, 5, 6, 7]);
    const wav = encodeWav(audio);
    expect(wav.length).toBe(44 + 16);
    expect(wav.readUInt32LE(4)).toBe(36 + 16);
    expect(wav.readUInt32LE(40)).toBe(16);
    const back = parseWav(wav);
    expect(back.format).toEqual(audio.format);
    expect(back.data.equals(audio.data)).toBe(true);
    expect(durationOf(back)).toBe(8 / 8000);
  });

  it('reads a streamed WAV whose sizes are placeholders, dropping a trailing half frame', () => {
    const wav = encodeWav(mono([1, 2, 3]));
    wav.writeUInt32LE(0xffffffff, 4);
    wav.writeUInt32LE(0xffffffff, 40);
    const parsed = parseWav(Buffer.concat([wav, Buffer.from([9])]));
    expect(parsed.data.length).toBe(6);
  });

  it('skips chunks it does not know and refuses what is not 16-bit PCM', () => {
    const wav = encodeWav(mono([1, 2]));
    const list = Buffer.concat([Buffer.from('LIST'), Buffer.from([3, 0, 0, 0]), Buffer.from('abc'), Buffer.from([0])]);
    const withList = Buffer.concat([wav.subarray(0, 36), list, wav.subarray(36)]);
    expect(parseWav(withList).data.length).toBe(4);
    expect(() => parseWav(Buffer.from('not a wav file at all'))).toThrow(expect.objectContaining({ code: ErrorCode.PROVIDER_FAILED }));
    const float = Buffer.from(wav);
    float.writeUInt16LE(3, 20);
    expect(() => parseWav(float)).toThrow(/not PCM/);
  });

  it('converts rate and channels when pieces differ', () => {
    const converted = convertPcm(mono([0, 1000, 2000, 3000], 8000), { sampleRate: 16000, channels: 2, bitsPerSample: 16 });
    expect(converted.data.length).toBe(8 * 2 * 2);
    expect(converted.data.readInt16LE(0)).toBe(0);
    expect(converted.data.readInt16LE(4)).toBe(500);
    expect(converted.data.readInt16LE(6)).toBe(500);
    expect(durationOf(converted)).toBe(4 / 8000);
  });
});
