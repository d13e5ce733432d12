import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../shared/ipc/errors';
import { DEFAULT_MODEL_TABLE_FILE, loadModelTable } from './model-table';

const table = loadModelTable(DEFAULT_MODEL_TABLE_FILE);
const openai = (model: string) => ({ provider: 'openai' as const, model });
const anthropic = (model: string) => ({ provider: 'anthropic' as const, model });
const ollama = (model: string) => ({ provider: 'ollama' as const, model });

describe('the shipped model table (resources/model-table.yaml)', () => {
  it('knows the context window of current models, gpt-5 included', () => {
    expect(table.contextWindow(openai('gpt-5'))).toBe(400_000);
    expect(table.contextWindow(openai('gpt-5-mini-2025-08-07'))).toBe(400_000);
    // gpt-5 takes at most 272k tokens of input; the rest of its window is for the answer.
    expect(table.maxInputTokens(openai('gpt-5'))).toBe(272_000);
    expect(table.contextWindow(openai('gpt-4.1'))).toBe(1_047_576);
    expect(table.contextWindow(openai('gpt-4o-mini'))).toBe(128_000);
    expect(table.maxInputTokens(openai('gpt-4o-mini'))).toBe(128_000);
    expect(table.contextWindow(openai('gpt-4-0613'))).toBe(8_192);
    expect(table.contextWindow(anthropic('claude-sonnet-4-5-20250929'))).toBe(200_000);
    expect(table.contextWindow(anthropic('claude-haiku-4-5'))).toBe(200_000);
  });

  it('falls back to each provider’s default window for a model it does not list', () => {
    // Ollama answers with its default num_ctx whatever the model could do.
    expect(table.contextWindow(ollama('llama3.2'))).toBe(4_096);
    expect(table.contextWindow(ollama('llama3.1:8b'))).toBe(4_096);
    expect(table.contextWindow(openai('some-future-model'))).toBe(16_000);
    expect(table.contextWindow(anthropic('claude-next'))).toBe(200_000);
  });

  it('finds the longest matching family, including dated and tagged names', () => {
    expect(table.price(openai('gpt-4o'))).toEqual({ input: 2.5, output: 10 });
    expect(table.price(openai('gpt-4o-mini-2024-07-18'))).toEqual({ input: 0.15, output: 0.6 });
    expect(table.price(openai('gpt-4-0613'))).toEqual({ input: 30, output: 60 });
    expect(table.price(openai('gpt-5'))).toEqual({ input: 1.25, output: 10 });
    expect(table.price(anthropic('claude-3-5-sonnet-20241022'))).toEqual({ input: 3, output: 15 });
    expect(table.price(anthropic('claude-opus-4-5-20251101'))).toEqual({ input: 5, output: 25 });
    expect(table.price(anthropic('claude-opus-4-1-20250805'))).toEqual({ input: 15, output: 75 });
    expect(table.price(openai('text-embedding-3-small'))).toEqual({ input: 0.02, output: 0 });
  });

  it('does not price a different model that merely shares letters; local models are free', () => {
    expect(table.price(openai('gpt-4.5-preview'))).toBeNull();
    expect(table.price(openai('o1x'))).toBeNull();
    expect(table.price(ollama('llama3.1:8b'))).toBeNull();
  });

  it('estimates USD from tokens; local and unknown models cost nothing', () => {
    expect(table.costUsd(openai('gpt-4o-mini'), 1000, 500)).toBeCloseTo(0.00045, 10);
    expect(table.costUsd(anthropic('claude-sonnet-4-20250514'), 1_000_000, 0)).toBe(3);
    expect(table.costUsd(ollama('llama3.1:8b'), 1_000_000, 1_000_000)).toBe(0);
    expect(table.costUsd(openai('some-future-model'), 1_000_000, 1_000_000)).toBe(0);
  });
});

describe('loading a model table', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });
  const write = (text: string) => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'nova-model-table-'));
    const file = path.join(dir, 'model-table.yaml');
    writeFileSync(file, text);
    return file;
  };

  it('refuses a table with a wrong field, naming the file and the field', () => {
    const file = write(
      [
        'version: 1',
        'providers:',
        '  ollama: { defaultContextWindow: 4096, models: {} }',
        '  openai:',
        '    defaultContextWindow: 16000',
        '    models:',
        '      gpt-x: { input: -1, output: 2, contextWindow: 1000 }',
        '  anthropic: { defaultContextWindow: 200000, models: {} }',
      ].join('\n'),
    );
    expect(() => loadModelTable(file)).toThrow(expect.objectContaining({ code: ErrorCode.INTERNAL }));
    expect(() => loadModelTable(file)).toThrow(/model-table\.yaml.*providers\.openai\.models\.gpt-x\.input/s);
  });

  it('refuses a model whose input limit exceeds its window, and a missing provider', () => {
    const file = write(
      [
        'version: 1',
        'providers:',
        '  ollama: { defaultContextWindow: 4096 }',
        '  openai:',
        '    defaultContextWindow: 16000',
        '    models:',
        '      gpt-x: { input: 1, output: 2, contextWindow: 1000, maxInputTokens: 2000 }',
      ].join('\n'),
    );
    expect(() => loadModelTable(file)).toThrow(/maxInputTokens/);
    expect(() => loadModelTable(file)).toThrow(/providers\.anthropic/);
  });

  it('says when the file cannot be read', () => {
    expect(() => loadModelTable('/nonexistent/model-table.yaml')).toThrow(/could not be read/);
  });
});
