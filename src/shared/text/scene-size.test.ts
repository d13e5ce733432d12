import { describe, expect, it } from 'vitest';
import { checkSceneSize, SCENE_MAX_BYTES, utf8Length } from './scene-size';

describe('scene size', () => {
  it('measures UTF-8 bytes without encoding (a lone surrogate as the 3 bytes of U+FFFD, as encoders write it)', () => {
    const bytes: Array<[string, number]> = [
      ['', 0],
      ['plain', 5],
      ['naïve café', 12],
      ['Привет', 12],
      ['東京', 6],
      ['😀 👩‍💻', 16],
      ['lone \ud800 surrogate', 18],
      ['\udc00 and \ud83d', 11],
    ];
    for (const [text, expected] of bytes) expect(utf8Length(text), text).toBe(expected);
  });

  it('lets a document up to the limit through', () => {
    expect(checkSceneSize('x'.repeat(SCENE_MAX_BYTES))).toBeNull();
    expect(checkSceneSize('я'.repeat(SCENE_MAX_BYTES / 2))).toBeNull();
  });

  it('refuses one over the limit, counted in bytes, with SCENE_TOO_LARGE and a sentence saying what to do', () => {
    const overInBytesOnly = checkSceneSize('я'.repeat(SCENE_MAX_BYTES / 2 + 60_000)); // fewer characters than the limit
    expect(overInBytesOnly).toMatchObject({ code: 'SCENE_TOO_LARGE', retryable: false });
    expect(overInBytesOnly?.message).toBe('This scene is too large to save (8.2 MB, the limit is 8 MB): split it into smaller scenes.');
    expect(checkSceneSize('x'.repeat(SCENE_MAX_BYTES + 1))?.message).toBe(
      'This scene is too large to save (8.1 MB, the limit is 8 MB): split it into smaller scenes.',
    );
    expect(checkSceneSize('x'.repeat(40 * 1024 * 1024))?.message).toBe('This scene is too large to save (40 MB, the limit is 8 MB): split it into smaller scenes.');
  });
});
