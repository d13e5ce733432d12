import { describe, expect, it } from 'vitest';
import { scrubKnownSecrets, scrubSecrets } from './redact';

describe('scrubSecrets', () => {
  it('removes OpenAI and Anthropic key shapes, bearer tokens and keys in URLs', () => {
    const text = [
      'key sk-proj-AbC123_def-456ghi789 failed',
      'x-api-key: sk-ant-api03-Zz9_Yy8-Xx7Ww6Vv5',
      'Authorization: Bearer abcdefghijklmnop.qrs',
      'GET https://example.test/v1?key=AIzaSecretValue&alt=json',
    ].join('\n');
    const out = scrubSecrets(text);
    for (const secret of ['AbC123_def-456ghi789', 'Zz9_Yy8-Xx7Ww6Vv5', 'abcdefghijklmnop', 'AIzaSecretValue']) expect(out).not.toContain(secret);
    expect(out).toContain('sk-[redacted]');
    expect(out).toContain('Bearer [redacted]');
    expect(out).toContain('?key=[redacted]&alt=json');
  });

  it('leaves ordinary words alone', () => {
    const text = 'task-manager risk-assessment desk-lamp sk-short';
    expect(scrubSecrets(text)).toBe(text);
  });

  it('removes exact known secrets of any shape', () => {
    expect(scrubKnownSecrets('the key was hunter2-hunter2 really', ['hunter2-hunter2', ''])).toBe('the key was [redacted] really');
  });
});
