import type { DomainHandlers } from '../handlers';
import type { LlmStatusService } from './llm-status.service';
import type { StreamRegistry } from './stream-registry';

export function createLlmHandlers(
  status: LlmStatusService,
  streams: StreamRegistry,
): DomainHandlers<'llm.status' | 'llm.setOllamaUrl' | 'llm.setOllamaTag' | 'llm.pull' | 'routes.test' | 'stream.cancel' | 'stream.status' | 'stream.replay'> {
  return {
    'llm.status': () => status.status(),
    'llm.setOllamaUrl': ({ baseUrl }) => status.setOllamaUrl(baseUrl),
    'llm.setOllamaTag': ({ family, tag }) => status.setOllamaTag(family, tag),
    'llm.pull': ({ model }, { connectionId }) => status.pull(model, connectionId),
    'routes.test': ({ taskClass }) => status.testRoute(taskClass),
    'stream.cancel': ({ streamId }) => {
      streams.cancel(streamId);
      return { ok: true };
    },
    'stream.status': ({ streamIds }, { connectionId }) => ({ streams: streams.status(streamIds, connectionId) }),
    'stream.replay': ({ streamId, afterSeq }, { connectionId }) => streams.replay(streamId, afterSeq, connectionId),
  };
}
