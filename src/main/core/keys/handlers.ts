import type { DomainHandlers } from '../handlers';
import type { KeysService } from './keys.service';

type KeysMethods = 'keys.list' | 'keys.set' | 'keys.test' | 'keys.delete';

/** The contract's `keys.*` methods. None of them returns a key: only masks and check results. */
export function createKeysHandlers(keys: KeysService): DomainHandlers<KeysMethods> {
  return {
    'keys.list': () => keys.list(),
    'keys.set': (input) => keys.set(input.provider, input.key),
    'keys.test': (input) => keys.test(input.provider),
    'keys.delete': async (input) => {
      await keys.delete(input.provider);
      return { ok: true };
    },
  };
}
