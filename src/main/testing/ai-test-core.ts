import type { EventName } from '../../shared/ipc/events';
import type { CoreConfig } from '../core';
import { startFakeLlmServer, type FakeLlmServer, type FakeLlmServerOptions } from './fake-llm-server';
import { createTestCore, type TestCore } from './test-core';

/** A core on a fresh data folder talking to a fake Ollama / OpenAI / Anthropic, with its events recorded. */
export interface AiTestCore {
  fake: FakeLlmServer;
  t: TestCore;
  /** Every event the core emitted, in order. */
  events: Array<{ name: EventName; payload: unknown }>;
  /** Disposes the core, then closes the fake server. */
  close(): Promise<void>;
}

/**
 * Starts the fake providers, then a test core pointed at the fake Ollama. `config` may use the
 * fake's addresses (e.g. for the OpenAI and Anthropic endpoints).
 */
export async function startAiTestCore(options: {
  fake?: FakeLlmServerOptions;
  /** The models the fake Ollama lists (its defaults otherwise). */
  ollamaModels?: string[];
  config?: (fake: FakeLlmServer) => Partial<Omit<CoreConfig, 'dataDir'>>;
}): Promise<AiTestCore> {
  const fake = await startFakeLlmServer(options.fake);
  if (options.ollamaModels) fake.setModels('ollama', options.ollamaModels);
  const t = createTestCore(options.config ? { config: options.config(fake) } : {});
  const events: AiTestCore['events'] = [];
  t.core.events.subscribe((name, payload) => events.push({ name, payload }));
  await t.call('llm.setOllamaUrl', { baseUrl: fake.ollamaUrl });
  return {
    fake,
    t,
    events,
    async close() {
      t.dispose();
      await fake.close();
    },
  };
}
