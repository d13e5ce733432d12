import { describe, expect, it } from 'vitest';
import { approxModelSize, describeKeyCheck, ollamaUrlProblem, describePull, formatBytes, formatLatency, formatUsd } from './ai-format';

describe('ai formatting', () => {
  it('formats sizes in decimal units', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(999)).toBe('999 B');
    expect(formatBytes(2_019_393_189)).toBe('2.0 GB');
    expect(formatBytes(512_000_000)).toBe('512 MB');
    expect(formatBytes(1_500)).toBe('1.5 KB');
  });

  it('formats latency and cost', () => {
    expect(formatLatency(412.4)).toBe('412 ms');
    expect(formatLatency(1_400)).toBe('1.4 s');
    expect(formatLatency(12_300)).toBe('12 s');
    expect(formatUsd(0)).toBe('$0.00');
    expect(formatUsd(0.004)).toBe('<$0.01');
    expect(formatUsd(1.236)).toBe('$1.24');
  });

  it('describes pull progress', () => {
    expect(describePull(null)).toEqual({ label: 'Starting the download', amount: null, percent: null });
    expect(describePull({ status: 'pulling manifest' })).toEqual({ label: 'Preparing the download', amount: null, percent: null });
    expect(describePull({ status: 'pulling 6a0746a1ec1a', completed: 500_000_000, total: 2_000_000_000 })).toEqual({
      label: 'Downloading',
      amount: '500 MB of 2.0 GB',
      percent: 25,
    });
    expect(describePull({ status: 'verifying sha256 digest' }).label).toBe('Verifying the download');
    expect(describePull({ status: 'pulling x', completed: 3, total: 2 }).percent).toBe(100);
  });

  it('says whether a key works, was rejected, or could not be checked', () => {
    expect(describeKeyCheck({ provider: 'openai', valid: true, message: 'Key works.' })).toEqual({ tone: 'success', text: 'Key works.' });
    expect(describeKeyCheck({ provider: 'openai', valid: false, message: 'OpenAI rejected this key.' })).toEqual({
      tone: 'danger',
      text: 'Key rejected: OpenAI rejected this key.',
    });
    expect(describeKeyCheck({ provider: 'anthropic', valid: false, message: 'The Anthropic key could not be checked just now: timeout' }).tone).toBe('warning');
  });
});

describe('model sizes', () => {
  it('knows the recommended model', () => {
    expect(approxModelSize('llama3.2')).toBe('about 2 GB');
    expect(approxModelSize('llama3.2:latest')).toBe('about 2 GB');
    expect(approxModelSize('nomic-embed-text')).toBe('about 274 MB');
    expect(approxModelSize('something-else')).toBeNull();
  });
});

describe('Ollama address', () => {
  it('needs a full http(s) URL', () => {
    expect(ollamaUrlProblem('http://127.0.0.1:11434')).toBeNull();
    expect(ollamaUrlProblem(' https://gpu-box.local:11434/ ')).toBeNull();
    expect(ollamaUrlProblem('')).toMatch(/Enter the address/);
    expect(ollamaUrlProblem('localhost:11434')).toMatch(/Start with http/);
  });
});
