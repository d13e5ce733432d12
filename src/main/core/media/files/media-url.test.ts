import { describe, expect, it } from 'vitest';
import { mediaTypeOf } from './media-types';
import { mediaUrl, parseMediaUrl, signMediaPath, verifyMediaPath } from './media-url';

const secret = Buffer.alloc(32, 7);
const otherSecret = Buffer.alloc(32, 8);

describe('media file URLs', () => {
  it('are same-origin and relative, each path segment encoded, with the version and an HMAC-SHA256 signature in base64url', () => {
    const url = mediaUrl(secret, 'renders/r 1/Mon film #1?.mp4', 'abc-12');
    expect(url).toMatch(/^\/media-files\/renders\/r%201\/Mon%20film%20%231%3F\.mp4\?v=abc-12&sig=[A-Za-z0-9_-]{43}$/);
    expect(new URL(url, 'http://x').searchParams.get('sig')).toBe(signMediaPath(secret, 'renders/r 1/Mon film #1?.mp4'));
  });

  it('read back to the same path and signature, unicode included', () => {
    const relative = 'assets/p1/Été — «photo».jpg';
    const parsed = parseMediaUrl(mediaUrl(secret, relative, '1'));
    expect(parsed).toEqual({ relativePath: relative, signature: signMediaPath(secret, relative) });
    expect(verifyMediaPath(secret, parsed?.relativePath ?? '', parsed?.signature ?? '')).toBe(true);
  });

  it('verify only with this launch’s secret and only for the signed path', () => {
    const signature = signMediaPath(secret, 'renders/a/video.mp4');
    expect(verifyMediaPath(secret, 'renders/a/video.mp4', signature)).toBe(true);
    expect(verifyMediaPath(otherSecret, 'renders/a/video.mp4', signature)).toBe(false);
    expect(verifyMediaPath(secret, 'renders/a/video.srt', signature)).toBe(false);
    expect(verifyMediaPath(secret, 'renders/a/video.mp4', '')).toBe(false);
    expect(verifyMediaPath(secret, 'renders/a/video.mp4', `${signature}x`)).toBe(false);
  });

  it('refuse paths that could leave the media root, once decoded', () => {
    for (const url of [
      '/media-files/%2e%2e/nova.db?sig=x',
      '/media-files/renders/%2E%2E/%2E%2E/nova.db?sig=x',
      '/media-files/renders%2F..%2F..%2Fnova.db?sig=x',
      '/media-files/renders/..%5C..%5Cnova.db?sig=x',
      '/media-files/renders//video.mp4?sig=x',
      '/media-files/renders/%00.mp4?sig=x',
      '/media-files/renders/%E0%A4%A.mp4?sig=x',
      '/media-files/?sig=x',
      '/other/renders/video.mp4?sig=x',
    ]) {
      expect(parseMediaUrl(url), url).toBeNull();
    }
    // The URL parser folds plain dot segments first; what is left is outside the prefix.
    expect(parseMediaUrl('/media-files/../nova.db')).toBeNull();
  });

  it('name MIME types by extension, case-insensitively, and nothing runnable for the rest', () => {
    expect(mediaTypeOf('a/b.MP4')).toBe('video/mp4');
    expect(mediaTypeOf('x.webm')).toBe('video/webm');
    expect(mediaTypeOf('x.wav')).toBe('audio/wav');
    expect(mediaTypeOf('x.mp3')).toBe('audio/mpeg');
    expect(mediaTypeOf('x.m4a')).toBe('audio/mp4');
    expect(mediaTypeOf('x.aac')).toBe('audio/aac');
    expect(mediaTypeOf('x.ogg')).toBe('audio/ogg');
    expect(mediaTypeOf('x.flac')).toBe('audio/flac');
    expect(mediaTypeOf('x.png')).toBe('image/png');
    expect(mediaTypeOf('x.jpg')).toBe('image/jpeg');
    expect(mediaTypeOf('x.JPEG')).toBe('image/jpeg');
    expect(mediaTypeOf('x.webp')).toBe('image/webp');
    expect(mediaTypeOf('x.gif')).toBe('image/gif');
    expect(mediaTypeOf('x.srt')).toMatch(/^application\/x-subrip/);
    expect(mediaTypeOf('x.vtt')).toMatch(/^text\/vtt/);
    expect(mediaTypeOf('x.json')).toMatch(/^application\/json/);
    expect(mediaTypeOf('x.html')).toBe('application/octet-stream');
    expect(mediaTypeOf('x.svg')).toBe('application/octet-stream');
  });
});
