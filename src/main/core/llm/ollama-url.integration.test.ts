import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestCore, type TestCore } from '../../testing/test-core';

/*
 * Issue 6, point 31: where Ollama listens is an http(s) address. Anything else (a Windows path,
 * file:, javascript:, ftp:) is refused with INVALID_INPUT and a sentence, and never saved.
 */

let t: TestCore;
beforeEach(() => {
  t = createTestCore({ inMemory: true });
});
afterEach(() => t.dispose());

describe('the Ollama address', () => {
  it.each(['C:\\Windows\\win.ini', 'file:///etc/passwd', 'javascript:alert(1)', 'ftp://127.0.0.1/models', 'ws://127.0.0.1:11434', 'localhost:11434'])(
    'refuses %s and keeps the address it had',
    async (baseUrl) => {
      const before = (await t.call('routes.get', {})).ollama.baseUrl;
      const result = await t.raw('llm.setOllamaUrl', { baseUrl });
      expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringMatching(/baseUrl: .*http:\/\/ or https:\/\//) } });
      expect((await t.call('routes.get', {})).ollama.baseUrl).toBe(before);
    },
  );

  it('refuses the same through a saved models file', async () => {
    const config = await t.call('routes.get', {});
    const result = await t.raw('routes.update', { config: { ...config, ollama: { baseUrl: 'file:///C:/Windows/win.ini' } } });
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('accepts http and https addresses', async () => {
    for (const baseUrl of ['http://127.0.0.1:1', 'https://ollama.example.invalid:11434', 'HTTP://192.168.1.20:11434/']) {
      const result = await t.raw('llm.setOllamaUrl', { baseUrl });
      expect(result).toMatchObject({ ok: true });
    }
    expect((await t.call('routes.get', {})).ollama.baseUrl).toBe('HTTP://192.168.1.20:11434/');
  });
});
