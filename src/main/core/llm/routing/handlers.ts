import type { EventBus } from '../../events';
import type { DomainHandlers } from '../../handlers';
import type { ModelsConfigStore } from './models-config.store';

/**
 * The contract's `routes.get/update/reset` (routes.test belongs to the llm service). A change
 * emits `llm.changed`, since which task classes are ready depends on the routes. A reset puts
 * back the shipped routes, overrides and experiments but keeps the Ollama section (its address
 * and the tags picked among the installed models): those describe this machine, not the routes.
 */
export function createRoutesHandlers(deps: { store: ModelsConfigStore; events: EventBus }): DomainHandlers<'routes.get' | 'routes.update' | 'routes.reset'> {
  const { store, events } = deps;
  return {
    'routes.get': () => store.get(),
    'routes.update': (input) => {
      const saved = store.update(input.config);
      events.emit('llm.changed', {});
      return saved;
    },
    'routes.reset': () => {
      const { ollama } = store.get();
      const defaults = store.reset();
      const same = ollama.baseUrl === defaults.ollama.baseUrl && JSON.stringify(ollama.tags) === JSON.stringify(defaults.ollama.tags);
      const config = same ? defaults : store.update({ ...defaults, ollama });
      events.emit('llm.changed', {});
      return config;
    },
  };
}
