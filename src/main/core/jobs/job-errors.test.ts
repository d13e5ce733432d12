import { describe, expect, it } from 'vitest';
import { AppError, ErrorCode } from '../../../shared/ipc/errors';
import { attemptsAllowed, backoffMs, categoryOfCode, toJobError } from './job-errors';
import { CategorisedFailure } from './job.types';

describe('job error categories', () => {
  it('maps AppError codes to how they are retried', () => {
    for (const code of ['PROVIDER_UNREACHABLE', 'TIMEOUT', 'RATE_LIMITED', 'PROVIDER_FAILED', 'BUSY']) expect(categoryOfCode(code)).toBe('transient');
    for (const code of ['INVALID_INPUT', 'INVALID_OUTPUT']) expect(categoryOfCode(code)).toBe('validation');
    for (const code of ['NOT_FOUND', 'NO_MODEL_AVAILABLE', 'MODEL_MISSING', 'FFMPEG_MISSING']) expect(categoryOfCode(code)).toBe('permanent');
    for (const code of ['INTERNAL', 'STORAGE_FAILED', 'CONFLICT']) expect(categoryOfCode(code)).toBe('unknown');
  });

  it('keeps a handler’s own category and hides anything unexpected behind a sentence', () => {
    expect(toJobError(new CategorisedFailure('EMBED_DIMENSION', 'The model changed.', 'permanent'))).toEqual({ code: 'EMBED_DIMENSION', message: 'The model changed.', category: 'permanent' });
    expect(toJobError(new AppError(ErrorCode.TIMEOUT, 'Too slow.'))).toEqual({ code: 'TIMEOUT', message: 'Too slow.', category: 'transient' });
    const hidden = toJobError(new Error('boom at /src/x.ts:1'));
    expect(hidden).toMatchObject({ code: 'INTERNAL', category: 'unknown' });
    expect(hidden.message).not.toContain('boom');
  });

  it('allows all attempts for transient, two for unknown and one for validation or permanent', () => {
    expect(attemptsAllowed('transient', 5)).toBe(5);
    expect(attemptsAllowed('unknown', 5)).toBe(2);
    expect(attemptsAllowed('unknown', 1)).toBe(1);
    expect(attemptsAllowed('validation', 5)).toBe(1);
    expect(attemptsAllowed('permanent', 5)).toBe(1);
  });

  it('draws the back-off uniformly below a ceiling that doubles up to the cap', () => {
    const backoff = { baseMs: 1_000, maxMs: 10_000 };
    expect(backoffMs(1, 0, backoff)).toBe(0);
    expect(backoffMs(1, 0.999, backoff)).toBe(999);
    expect(backoffMs(3, 0.5, backoff)).toBe(2_000);
    expect(backoffMs(10, 0.999, backoff)).toBe(9_990);
  });
});
