import { describe, expect, it } from 'vitest';
import type { MediaInfo, MediaStream } from '../ffmpeg/ffprobe-reader';
import { classifyAsset } from './asset-probe';

const info = (formatName: string, durationS: number, ...streams: Array<Partial<MediaStream>>): MediaInfo => ({
  formatName,
  durationS,
  streams: streams.map((s, index) => ({ index, type: 'other', codec: 'unknown', ...s })),
});

describe('what an imported file is', () => {
  it('an image: one still stream with a size', () => {
    expect(classifyAsset(info('jpeg_pipe', 0, { type: 'video', codec: 'mjpeg', width: 800, height: 600 }), 'a.jpg')).toEqual({
      kind: 'image',
      mimeType: 'image/jpeg',
      extension: '.jpg',
      width: 800,
      height: 600,
      durationSec: null,
    });
  });

  it('audio, with or without cover art: its duration and container', () => {
    expect(classifyAsset(info('mp3', 12.5, { type: 'audio', codec: 'mp3' }, { type: 'video', codec: 'mjpeg', width: 300, height: 300 }), 'song.mp3')).toMatchObject({
      kind: 'audio',
      mimeType: 'audio/mpeg',
      extension: '.mp3',
      durationSec: 12.5,
    });
    expect(classifyAsset(info('mov,mp4,m4a,3gp,3g2,mj2', 3, { type: 'audio', codec: 'aac' }), 'x.m4a')).toMatchObject({ kind: 'audio', mimeType: 'audio/mp4', extension: '.m4a' });
  });

  it('refuses a video, a silent zero-length file and anything without image or sound, naming the file', () => {
    expect(() => classifyAsset(info('mov,mp4,m4a,3gp,3g2,mj2', 10, { type: 'video', codec: 'h264', width: 640, height: 360 }, { type: 'audio', codec: 'aac' }), 'clip.mp4')).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT', message: '“clip.mp4” is a video; import an image or a sound file instead.' }),
    );
    expect(() => classifyAsset(info('wav', 0, { type: 'audio', codec: 'pcm_s16le' }), 'empty.wav')).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    expect(() => classifyAsset(info('tty', 1, { type: 'video', codec: 'ansi', width: 640, height: 400 }), 'notes.txt')).toThrow(expect.objectContaining({ message: expect.stringContaining('“notes.txt” is not an image or a sound file') }));
  });
});
