import { describe, expect, it } from 'vitest';
import { contract } from '../../../shared/ipc/contract';
import { AppError, ErrorCode } from '../../../shared/ipc/errors';
import type { CloudProvider } from '../../../shared/models/llm';
import { createEventBus } from '../events';
import type { CallContext } from '../handlers';
import { createMemorySecretStore } from '../platform/secrets';
import { createKeysHandlers } from './handlers';
import { createKeysService, secretName, type CheckKey } from './keys.service';

const OPENAI_KEY = 'sk-proj-FAKEopenaiKEY0123456789abcd';
const ANTHROPIC_KEY = 'sk-ant-api03-FAKEanthropicKEY987654321wxyz';
const context: CallContext = { transport: 'direct' };

function setup(checkKey: CheckKey = async () => undefined, checkTimeoutMs?: number) {
  const secrets = createMemorySecretStore();
  const events = createEventBus((error) => {
    throw error;
  });
  const emitted: string[] = [];
  events.subscribe((name) => emitted.push(name));
  const keys = createKeysService({ secrets, checkKey, events, ...(checkTimeoutMs !== undefined && { checkTimeoutMs }) });
  return { secrets, keys, emitted, handlers: createKeysHandlers(keys) };
}

/** Rejects the keys the tests call bad, as a provider would (quoting the key, as OpenAI does). */
const strictCheck: CheckKey = async (provider: CloudProvider, key: string) => {
  if (key.includes('BAD')) throw new AppError(ErrorCode.PROVIDER_AUTH, `Incorrect API key provided: ${key}`);
  if (key.includes('DOWN')) throw new AppError(ErrorCode.PROVIDER_UNREACHABLE, `Could not reach ${provider} with key ${key}.`, { retryable: true });
};

describe('keys service', () => {
  it('lists both providers masked, before and after a key is set', async () => {
    const { keys } = setup();
    expect(await keys.list()).toEqual([
      { provider: 'openai', configured: false, masked: null },
      { provider: 'anthropic', configured: false, masked: null },
    ]);
    await keys.set('anthropic', `  ${ANTHROPIC_KEY}  `);
    expect(await keys.list()).toEqual([
      { provider: 'openai', configured: false, masked: null },
      { provider: 'anthropic', configured: true, masked: '••••wxyz' },
    ]);
    expect(await keys.getKey('anthropic')).toBe(ANTHROPIC_KEY);
    expect(await keys.getKey('openai')).toBeNull();
  });

  it('stores a key, checks it and announces the change', async () => {
    const calls: string[] = [];
    const { keys, emitted } = setup(async (provider, key) => void calls.push(`${provider}:${key}`));
    const result = await keys.set('openai', OPENAI_KEY);
    expect(result).toEqual({
      status: { provider: 'openai', configured: true, masked: '••••abcd' },
      check: { provider: 'openai', valid: true, message: 'Key works.' },
    });
    expect(calls).toEqual([`openai:${OPENAI_KEY}`]);
    expect(emitted).toEqual(['llm.changed']);
  });

  it('keeps a rejected key but reports it invalid, naming the provider and not the key', async () => {
    const { keys } = setup(strictCheck);
    const bad = 'sk-ant-BAD-key-000000001234';
    const result = await keys.set('anthropic', bad);
    expect(result.check).toEqual({ provider: 'anthropic', valid: false, message: expect.stringMatching(/^Anthropic rejected this key\./) as string });
    expect(result.status.configured).toBe(true);
    expect(await keys.getKey('anthropic')).toBe(bad);
  });

  it('says a key could not be checked when the provider is unreachable, scrubbing the key from the reason', async () => {
    const { keys } = setup(strictCheck);
    const down = 'custom-DOWN-key-5555';
    const { check } = await keys.set('openai', down);
    expect(check.valid).toBe(false);
    expect(check.message).toMatch(/^The OpenAI key could not be checked just now: Could not reach openai/);
    expect(check.message).not.toContain(down);
  });

  it('gives up on a check that hangs, aborting it', async () => {
    let aborted = false;
    const hang: CheckKey = (_provider, _key, signal) =>
      new Promise((_, reject) =>
        signal.addEventListener('abort', () => {
          aborted = true;
          reject(new Error('aborted'));
        }),
      );
    const { keys, secrets } = setup(hang, 20);
    await secrets.set(secretName('openai'), OPENAI_KEY);
    expect(await keys.test('openai')).toEqual({
      provider: 'openai',
      valid: false,
      message: 'The OpenAI key could not be checked just now: The provider took too long to answer.',
    });
    expect(aborted).toBe(true);
  });

  it('tests a stored key and says when none is saved', async () => {
    const { keys } = setup(strictCheck);
    expect(await keys.test('openai')).toEqual({ provider: 'openai', valid: false, message: 'No OpenAI key is saved.' });
    await keys.set('openai', OPENAI_KEY);
    expect(await keys.test('openai')).toEqual({ provider: 'openai', valid: true, message: 'Key works.' });
  });

  it('forgets a key', async () => {
    const { keys, emitted } = setup();
    await keys.set('openai', OPENAI_KEY);
    await keys.delete('openai');
    expect(await keys.getKey('openai')).toBeNull();
    expect((await keys.list())[0]).toEqual({ provider: 'openai', configured: false, masked: null });
    expect(emitted).toEqual(['llm.changed', 'llm.changed']);
  });
});

describe('keys handlers', () => {
  it('never return a key, in any output', async () => {
    const { handlers } = setup(strictCheck);
    const outputs: unknown[] = [];
    const call = async <M extends keyof typeof handlers>(method: M, input: unknown) => {
      const parsed = contract[method].input.parse(input) as Parameters<(typeof handlers)[M]>[0];
      const handler = handlers[method] as (input: typeof parsed, context: CallContext) => unknown;
      const output = await handler(parsed, context);
      contract[method].output.parse(output);
      outputs.push(output);
    };
    const badKey = `${OPENAI_KEY}BAD`;
    await call('keys.list', {});
    await call('keys.set', { provider: 'openai', key: badKey });
    await call('keys.test', { provider: 'openai' });
    await call('keys.set', { provider: 'openai', key: OPENAI_KEY });
    await call('keys.set', { provider: 'anthropic', key: ANTHROPIC_KEY });
    await call('keys.list', {});
    await call('keys.test', { provider: 'openai' });
    await call('keys.test', { provider: 'anthropic' });
    await call('keys.delete', { provider: 'openai' });
    await call('keys.list', {});

    expect(outputs).toHaveLength(10);
    const json = JSON.stringify(outputs);
    for (const key of [OPENAI_KEY, ANTHROPIC_KEY, badKey]) {
      expect(json).not.toContain(key);
      // Not even the part before the last four characters.
      expect(json).not.toContain(key.slice(0, -4));
    }
    expect(json).toContain('••••wxyz');
  });
});
