import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../../shared/ipc/errors';
import type { ModelsConfig } from '../../../../shared/models/llm';
import { createEventBus } from '../../events';
import { createRoutesHandlers } from './handlers';
import { createModelsConfigStore, DEFAULT_MODELS_FILE } from './models-config.store';

const code = (value: string) => expect.objectContaining({ code: value });

describe('the models config store', () => {
  let dir: string;
  let userFile: string;
  const open = () => createModelsConfigStore({ defaultsFile: DEFAULT_MODELS_FILE, userFile });

  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'nova-models-'));
    userFile = path.join(dir, 'data', 'models.yaml');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const custom = (defaults: ModelsConfig): ModelsConfig => ({
    ...defaults,
    ollama: { baseUrl: 'http://192.168.1.20:11434', tags: { 'llama3.2': '3b' } },
    routes: { ...defaults.routes, creative: [{ provider: 'anthropic', model: 'claude-3-5-sonnet-latest' }] },
    prompts: { rewrite: [{ provider: 'openai', model: 'gpt-4o' }] },
  });

  it('ships defaults with every task class routed, Ollama first, and no experiment running', () => {
    const defaults = open().defaults();
    expect(defaults.version).toBe(1);
    expect(defaults.ollama.baseUrl).toBe('http://127.0.0.1:11434');
    expect(defaults.recommendedOllamaModel).toBe('llama3.2');
    expect(Object.keys(defaults.routes).sort()).toEqual(['classify', 'creative', 'embed', 'rewrite', 'structured']);
    for (const models of Object.values(defaults.routes)) expect(models[0]?.provider).toBe('ollama');
    expect(defaults.routes.creative.map((m) => `${m.provider}/${m.model}`)).toEqual(['ollama/llama3.2', 'openai/gpt-4o-mini', 'anthropic/claude-haiku-4-5']);
    expect(defaults.routes.embed.map((m) => `${m.provider}/${m.model}`)).toEqual(['ollama/nomic-embed-text', 'openai/text-embedding-3-small']);
    expect(defaults.experiments.filter((e) => e.enabled)).toEqual([]);
  });

  it('uses the defaults without a user copy, and the user copy when there is one', () => {
    const store = open();
    expect(store.get()).toEqual(store.defaults());
    expect(store.warning()).toBeNull();

    const saved = store.update(custom(store.defaults()));
    expect(saved.routes.creative).toEqual([{ provider: 'anthropic', model: 'claude-3-5-sonnet-latest' }]);
    expect(store.get()).toEqual(saved);
    // A restart reads the same copy back from disk.
    const reopened = open();
    expect(reopened.get()).toEqual(saved);
    expect(reopened.warning()).toBeNull();
    expect(readFileSync(userFile, 'utf8')).toMatch(/^# Nova Studio models file/);
  });

  it('writes atomically: no temp file is left behind, and a failed write leaves the old state', () => {
    const store = open();
    store.update(custom(store.defaults()));
    store.update({ ...store.get(), recommendedOllamaModel: 'qwen2.5' });
    expect(readdirSync(path.dirname(userFile))).toEqual(['models.yaml']);
    expect(open().get().recommendedOllamaModel).toBe('qwen2.5');

    // A directory where the file should be makes the rename fail.
    const blockedFile = path.join(dir, 'blocked', 'models.yaml');
    mkdirSync(blockedFile, { recursive: true });
    const blocked = createModelsConfigStore({ defaultsFile: DEFAULT_MODELS_FILE, userFile: blockedFile });
    expect(() => blocked.update(blocked.defaults())).toThrow(code(ErrorCode.STORAGE_FAILED));
    expect(readdirSync(path.dirname(blockedFile))).toEqual(['models.yaml']);
  });

  it('refuses an invalid update, naming the field, and keeps the saved copy', () => {
    const store = open();
    const saved = store.update(custom(store.defaults()));
    const broken = { ...saved, routes: { ...saved.routes, embed: [{ provider: 'anthropic', model: 'x' }] } };
    expect(() => store.update(broken)).toThrow(code(ErrorCode.INVALID_INPUT));
    expect(() => store.update(broken)).toThrow('routes.embed.0.provider: Anthropic has no embedding models');
    const twoRunning = {
      ...saved,
      experiments: [
        { name: 'a', enabled: true, taskClass: 'creative', share: 0.5, arm: { provider: 'openai', model: 'gpt-4o' } },
        { name: 'b', enabled: true, taskClass: 'creative', share: 0.5, arm: { provider: 'openai', model: 'gpt-4o' } },
      ],
    };
    expect(() => store.update(twoRunning)).toThrow('experiments.1.enabled: another enabled experiment already covers creative');
    expect(() => store.update({ ...saved, routes: { creative: saved.routes.creative } })).toThrow('routes.structured: is missing');
    expect(store.get()).toEqual(saved);
    expect(open().get()).toEqual(saved);
  });

  it.each([
    ['a wrong value', (text: string) => text.replace('provider: anthropic', 'provider: mistral'), 'routes.creative.0.provider: Invalid option'],
    ['an unknown field', (text: string) => `${text}colour: blue\n`, '(file): has unknown field "colour"'],
    ['a missing field', (text: string) => text.replace(/^recommendedOllamaModel: .*\n/m, ''), 'recommendedOllamaModel: is missing'],
    ['broken YAML', (text: string) => `${text}routes: [\n`, 'is not valid YAML'],
  ])('ignores a user copy with %s, warning with the file and the field', (_case, spoil, message) => {
    const store = open();
    store.update(custom(store.defaults()));
    writeFileSync(userFile, spoil(readFileSync(userFile, 'utf8')));
    const reopened = open();
    expect(reopened.get()).toEqual(reopened.defaults());
    expect(reopened.warning()).toContain(`Your models file ${userFile} is not valid (`);
    expect(reopened.warning()).toContain(message);
    // The broken copy stays for the user to fix; reload picks up the fix.
    expect(existsSync(userFile)).toBe(true);
    reopened.update(custom(reopened.defaults()));
    expect(reopened.warning()).toBeNull();
  });

  it('resets to the defaults by deleting the user copy', () => {
    const store = open();
    store.update(custom(store.defaults()));
    expect(store.reset()).toEqual(store.defaults());
    expect(existsSync(userFile)).toBe(false);
    expect(store.get()).toEqual(store.defaults());
    expect(store.reset()).toEqual(store.defaults());
  });

  it('picks up a hand edit on reload', () => {
    const store = open();
    store.get();
    mkdirSync(path.dirname(userFile), { recursive: true });
    writeFileSync(userFile, readFileSync(DEFAULT_MODELS_FILE, 'utf8').replace('recommendedOllamaModel: llama3.2', 'recommendedOllamaModel: gemma3'));
    expect(store.get().recommendedOllamaModel).toBe('llama3.2');
    expect(store.reload().recommendedOllamaModel).toBe('gemma3');
  });

  it('fails at start when the shipped defaults are broken, naming the file and the field', () => {
    const defaultsFile = path.join(dir, 'models.yaml');
    writeFileSync(defaultsFile, readFileSync(DEFAULT_MODELS_FILE, 'utf8').replace('version: 1', 'version: 2'));
    expect(() => createModelsConfigStore({ defaultsFile, userFile })).toThrow(code(ErrorCode.INTERNAL));
    expect(() => createModelsConfigStore({ defaultsFile, userFile })).toThrow(`The shipped models file ${defaultsFile} is not valid: version:`);
    expect(() => createModelsConfigStore({ defaultsFile: path.join(dir, 'none.yaml'), userFile })).toThrow('could not be read');
  });

  it('serves routes.get/update/reset and announces changes with llm.changed; a reset keeps this machine’s Ollama section', async () => {
    const events = createEventBus((error) => {
      throw error;
    });
    const emitted: string[] = [];
    events.subscribe((name) => emitted.push(name));
    const store = open();
    const handlers = createRoutesHandlers({ store, events });
    const context = { transport: 'direct' } as const;
    expect(await handlers['routes.get']({}, context)).toEqual(store.defaults());
    const changed = custom(store.defaults());
    expect(await handlers['routes.update']({ config: changed }, context)).toEqual(changed);
    expect(await handlers['routes.get']({}, context)).toEqual(changed);
    const reset = { ...store.defaults(), ollama: changed.ollama };
    expect(await handlers['routes.reset']({}, context)).toEqual(reset);
    expect(open().get()).toEqual(reset);
    expect(emitted).toEqual(['llm.changed', 'llm.changed']);
  });
});
