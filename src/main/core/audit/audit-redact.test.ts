import { describe, expect, it } from 'vitest';
import { MAX_AUDIT_STRING, REDACTED, redactForAudit } from './audit-redact';

describe('redactForAudit', () => {
  it('removes credentials under secret-looking keys, in any spelling and at any depth', () => {
    const input = {
      chapter_outline: 'Mara reaches the harbour.',
      apiKey: 'abc',
      nested: { 'x-api-key': 'abc', Authorization: 'Basic Zm9vOmJhcg==', headers: { 'content-type': 'application/json' }, openai_api_key: 'abc' },
      list: [{ access_token: 'abc', refreshToken: 'abc', password: 'abc', cookie: 'a=b' }],
    };
    expect(redactForAudit(input)).toEqual({
      chapter_outline: 'Mara reaches the harbour.',
      apiKey: REDACTED,
      nested: { 'x-api-key': REDACTED, Authorization: REDACTED, headers: REDACTED, openai_api_key: REDACTED },
      list: [{ access_token: REDACTED, refreshToken: REDACTED, password: REDACTED, cookie: REDACTED }],
    });
  });

  it('removes keys and header values written inside text, and keeps story words that only sound secret', () => {
    const text = [
      'key sk-proj-AbCdEfGhIjKlMnOpQrStUv123456 and sk-ant-api03-abcdefghijklmnop_qrstu',
      'google AIzaSyA1234567890abcdefghijklmnopqrstuv',
      'Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U',
      'github ghp_abcdefghijklmnopqrstuvwxyz0123456789',
    ].join('\n');
    const out = redactForAudit({ output: text, fields: { Secret: 'She sank the ship.', Tokens: 'three brass tokens' } }) as { output: string; fields: Record<string, string> };
    expect(out.output).not.toMatch(/sk-|AIza|eyJ|ghp_/u);
    expect(out.output.split(REDACTED)).toHaveLength(6);
    expect(out.fields).toEqual({ Secret: 'She sank the ship.', Tokens: 'three brass tokens' });
  });

  it('keeps the result JSON-safe and bounded: long strings cut, cycles, errors and functions handled', () => {
    const cyclic: Record<string, unknown> = { name: 'loop' };
    cyclic.self = cyclic;
    const out = redactForAudit({ long: 'a'.repeat(MAX_AUDIT_STRING + 10), cyclic, error: new Error('Bearer abcdefghijklmnop failed'), fn: () => 1, big: 10n }) as Record<string, unknown>;
    expect(out.long).toBe(`${'a'.repeat(MAX_AUDIT_STRING)}… [10 more characters not kept]`);
    expect(out.cyclic).toEqual({ name: 'loop', self: '[…]' });
    expect(out.error).toEqual({ name: 'Error', message: `${REDACTED} failed` });
    expect(out.fn).toBeNull();
    expect(out.big).toBe('10');
    expect(() => JSON.stringify(out)).not.toThrow();
  });
});
