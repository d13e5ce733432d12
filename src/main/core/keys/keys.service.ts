import { AppError, ErrorCode, isAppError } from '../../../shared/ipc/errors';
import type { CloudProvider, KeyStatus } from '../../../shared/models/llm';
import type { EventBus } from '../events';
import type { SecretStore } from '../platform/secrets';
import { scrubKnownSecrets } from '../secrets';

/** The result of checking a key with a cheap provider call. */
export interface KeyCheck {
  provider: CloudProvider;
  valid: boolean;
  message: string;
}

/**
 * Checks a key with the provider's cheapest authenticated call (listing models). Resolves when
 * the key works; throws an AppError (PROVIDER_AUTH for a rejected key) otherwise. Should give up
 * when `signal` aborts.
 */
export type CheckKey = (provider: CloudProvider, key: string, signal: AbortSignal) => Promise<void>;

export interface KeysDeps {
  secrets: SecretStore;
  checkKey: CheckKey;
  events: EventBus;
  /** How long a check may take before it is reported as not checked (ms). */
  checkTimeoutMs?: number;
}

const CLOUD_PROVIDERS: readonly CloudProvider[] = ['openai', 'anthropic'];
const PROVIDER_NAMES: Record<CloudProvider, string> = { openai: 'OpenAI', anthropic: 'Anthropic' };
const DEFAULT_CHECK_TIMEOUT_MS = 15_000;

/** The name under which a provider's key is kept in the secret store. */
export const secretName = (provider: CloudProvider): string => `api-key.${provider}`;

/** What the UI may see of a key: its last four characters. */
export function maskKey(key: string): string {
  return `••••${key.slice(-4)}`;
}

/**
 * Bring-your-own-key handling. Keys go into the secret store and come out only through
 * {@link KeysService.getKey}, for the providers; everything else (list, set, test) returns a mask.
 *
 * A key the provider rejects is still stored, and reported as `valid: false` with the reason:
 * a network hiccup or an outage during the check must not throw away what the user pasted.
 */
export function createKeysService(deps: KeysDeps) {
  const { secrets, checkKey, events } = deps;
  const timeoutMs = deps.checkTimeoutMs ?? DEFAULT_CHECK_TIMEOUT_MS;

  const getKey = async (provider: CloudProvider): Promise<string | null> => secrets.get(secretName(provider));
  const status = (provider: CloudProvider, key: string | null): KeyStatus => ({
    provider,
    configured: key !== null,
    masked: key === null ? null : maskKey(key),
  });

  const check = async (provider: CloudProvider, key: string): Promise<KeyCheck> => {
    const name = PROVIDER_NAMES[provider];
    try {
      await withTimeout((signal) => checkKey(provider, key, signal), timeoutMs);
      return { provider, valid: true, message: 'Key works.' };
    } catch (error) {
      if (isAppError(error) && error.code === ErrorCode.PROVIDER_AUTH) {
        return { provider, valid: false, message: `${name} rejected this key. Check that you copied all of it, or create a new one.` };
      }
      // The provider's message may quote the key it was given: never pass it on.
      const reason = isAppError(error) ? scrubKnownSecrets(error.message, [key]) : 'something went wrong.';
      return { provider, valid: false, message: `The ${name} key could not be checked just now: ${reason}` };
    }
  };

  return {
    /** Both cloud providers, masked. */
    async list(): Promise<KeyStatus[]> {
      return Promise.all(CLOUD_PROVIDERS.map(async (provider) => status(provider, await getKey(provider))));
    },
    /** Stores the key (even when the check then rejects it) and checks it. */
    async set(provider: CloudProvider, rawKey: string): Promise<{ status: KeyStatus; check: KeyCheck }> {
      const key = rawKey.trim();
      await secrets.set(secretName(provider), key);
      events.emit('llm.changed', {});
      return { status: status(provider, key), check: await check(provider, key) };
    },
    /** Checks the stored key again. */
    async test(provider: CloudProvider): Promise<KeyCheck> {
      const key = await getKey(provider);
      if (key === null) return { provider, valid: false, message: `No ${PROVIDER_NAMES[provider]} key is saved.` };
      return check(provider, key);
    },
    async delete(provider: CloudProvider): Promise<void> {
      await secrets.delete(secretName(provider));
      events.emit('llm.changed', {});
    },
    /** The key itself, for the providers inside the core. Never expose it over IPC. */
    getKey,
  };
}

export type KeysService = ReturnType<typeof createKeysService>;

/** Runs `work`, aborting its signal and failing with TIMEOUT after `ms`. */
async function withTimeout(work: (signal: AbortSignal) => Promise<void>, ms: number): Promise<void> {
  const controller = new AbortController();
  const timedOut = new AppError(ErrorCode.TIMEOUT, 'The provider took too long to answer.', { retryable: true });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(timedOut);
      controller.abort(timedOut);
    }, ms);
  });
  try {
    await Promise.race([work(controller.signal), timeout]);
  } catch (error) {
    // Whatever the aborted work threw, the reason is the timeout.
    throw controller.signal.aborted ? timedOut : error;
  } finally {
    clearTimeout(timer);
  }
}
