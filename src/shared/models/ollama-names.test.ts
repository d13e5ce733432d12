import { describe, expect, it } from 'vitest';
import { chooseOllamaModel, matchesOllamaName, ollamaChoices, splitOllamaName } from './ollama-names';

const installed = (...names: Array<string | [string, number]>) => names.map((n) => (typeof n === 'string' ? { name: n } : { name: n[0], sizeBytes: n[1] }));

describe('Ollama model names', () => {
  it('splits a name into family and tag, "latest" when no tag is given', () => {
    expect(splitOllamaName('llama3.2')).toEqual({ family: 'llama3.2', tag: 'latest', tagged: false });
    expect(splitOllamaName('llama3.2:3b')).toEqual({ family: 'llama3.2', tag: '3b', tagged: true });
    expect(splitOllamaName('hf.co/bartowski/Llama-3.2-3B-GGUF:Q4_K_M')).toEqual({ family: 'hf.co/bartowski/Llama-3.2-3B-GGUF', tag: 'Q4_K_M', tagged: true });
    // A registry port is not a tag.
    expect(splitOllamaName('localhost:5000/writer')).toEqual({ family: 'localhost:5000/writer', tag: 'latest', tagged: false });
  });

  it('lets a family name match any installed tag, and a tagged name only that tag', () => {
    expect(matchesOllamaName('llama3.2', 'llama3.2:3b')).toBe(true);
    expect(matchesOllamaName('llama3.2', 'llama3.2:latest')).toBe(true);
    expect(matchesOllamaName('llama3.2:latest', 'llama3.2')).toBe(true);
    expect(matchesOllamaName('llama3.2:1b', 'llama3.2:3b')).toBe(false);
    expect(matchesOllamaName('llama3.2:latest', 'llama3.2:3b')).toBe(false);
    expect(matchesOllamaName('llama3.2', 'llama3.1:8b')).toBe(false);
    expect(matchesOllamaName('llama3', 'llama3.2:latest')).toBe(false);
  });

  it('chooses latest when installed, else the smallest installed tag', () => {
    expect(chooseOllamaModel('llama3.2', installed(['llama3.2:3b', 2_000], ['llama3.2:latest', 3_000], ['llama3.2:1b', 1_000]))).toBe('llama3.2:latest');
    expect(chooseOllamaModel('llama3.2', installed(['llama3.2:3b', 2_000], ['llama3.2:1b', 1_000], ['mistral:latest', 10]))).toBe('llama3.2:1b');
    expect(chooseOllamaModel('llama3.2', installed('nomic-embed-text:latest'))).toBeNull();
  });

  it('honours the writer’s pick while that tag is installed', () => {
    const list = installed(['llama3.2:latest', 3_000], ['llama3.2:3b', 2_000]);
    expect(chooseOllamaModel('llama3.2', list, { 'llama3.2': '3b' })).toBe('llama3.2:3b');
    // A pick that was removed from Ollama gives way to the automatic choice.
    expect(chooseOllamaModel('llama3.2', list, { 'llama3.2': '8b' })).toBe('llama3.2:latest');
  });

  it('keeps an explicit tag in a route as written (no pick overrides it)', () => {
    const list = installed('llama3.2:latest', 'llama3.2:3b');
    expect(chooseOllamaModel('llama3.2:3b', list, { 'llama3.2': 'latest' })).toBe('llama3.2:3b');
    expect(chooseOllamaModel('llama3.2:1b', list)).toBeNull();
  });

  it('lists the installed tags of a family, smallest first, with the automatic choice', () => {
    const list = installed(['llama3.2:3b', 2_000], ['llama3.2:1b', 1_000], ['mistral:latest', 5]);
    expect(ollamaChoices('llama3.2', list)).toEqual({ family: 'llama3.2', tags: [{ name: 'llama3.2:1b', tag: '1b', sizeBytes: 1_000 }, { name: 'llama3.2:3b', tag: '3b', sizeBytes: 2_000 }], automatic: 'llama3.2:1b' });
  });
});
