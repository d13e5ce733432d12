import { describe, expect, it } from 'vitest';
import { MAX_SCRIPT_CHARACTERS } from '../models/media';
import { Limits } from '../models/common';
import { methodNames } from './contract';
import { MAX_DOCUMENT_DEPTH } from '../models/document';
import { checkFrameSize, FrameLimits, frameLimitFor, MAX_FRAME_DEPTH, utf8ByteLength } from './frame-limits';

describe('frame limits', () => {
  it('lets only a scene save and a video update (its whole script) be large, and a scene of the largest size always fits', () => {
    expect(methodNames.filter((name) => frameLimitFor(name) === FrameLimits.large)).toEqual(['scene.save', 'scene.doc.push', 'media.videos.update']);
    // A script at its limit, every character six bytes once JSON-escaped, fits the large class.
    expect(FrameLimits.large).toBeGreaterThanOrEqual(6 * MAX_SCRIPT_CHARACTERS + 64 * 1024);
    expect(frameLimitFor('project.create')).toBe(FrameLimits.small);
    expect(frameLimitFor('not.a.method')).toBe(FrameLimits.small);
    // A document at the schema's limit, every character three UTF-8 bytes (CJK), plus the envelope.
    expect(FrameLimits.large).toBeGreaterThanOrEqual(3 * Limits.documentBytes + 1024);
    // Every other input is bounded by text limits far below the small class (three 100k-character
    // fields of an inline action, each character up to six bytes once JSON-escaped).
    expect(FrameLimits.small).toBeGreaterThanOrEqual(3 * Limits.longText * 6 + 64 * 1024);
  });

  it('allows the nesting of the deepest valid document plus the envelope', () => {
    expect(MAX_FRAME_DEPTH).toBeGreaterThanOrEqual(2 * MAX_DOCUMENT_DEPTH + 8);
  });

  it('counts UTF-8 bytes exactly', () => {
    const cases: Array<[string, number]> = [['', 0], ['plain', 5], ['é', 2], ['日本語', 9], ['😀', 4], ['a\u0000b', 3], ['\ud800 lone', 8]];
    for (const [text, bytes] of cases) expect(utf8ByteLength(text), text).toBe(bytes);
  });

  it('answers an oversized scene save with a sentence the editor can show', () => {
    expect(checkFrameSize('scene.save', FrameLimits.large)).toBeNull();
    const error = checkFrameSize('scene.save', FrameLimits.large + 1);
    expect(error).toMatchObject({ code: 'TOO_LARGE', retryable: false });
    expect(error?.message).toMatch(/^This scene is too large to save \(\d+(\.\d)? MB; at most \d+(\.\d)? MB can be saved at once\)\. Split it into smaller scenes\.$/);
    expect(checkFrameSize('project.create', FrameLimits.small + 1)).toMatchObject({ code: 'TOO_LARGE', retryable: false });
  });
});
