import type { DomainHandlers } from '../handlers';
import type { MemoryService } from './memory.service';
import type { IndexStatusService } from './index-status.service';
import type { Retriever } from './retrieval.types';

export type MemoryMethods =
  | 'memory.list'
  | 'memory.create'
  | 'memory.update'
  | 'memory.history'
  | 'memory.setPinned'
  | 'memory.setArchived'
  | 'memory.delete'
  | 'memory.search'
  | 'memory.indexStatus'
  | 'memory.reindex';

/** The contract's `memory.*` methods. */
export function createMemoryHandlers(deps: { service: MemoryService; retriever: Retriever; status: IndexStatusService }): DomainHandlers<MemoryMethods> {
  const { service, retriever, status } = deps;
  return {
    'memory.list': (input) => service.list(input),
    'memory.create': (input) => service.create(input),
    'memory.update': (input) => service.update(input),
    'memory.history': (input) => service.history(input.id),
    'memory.setPinned': (input) => service.setPinned(input.id, input.pinned),
    'memory.setArchived': (input) => service.setArchived(input.id, input.archived),
    'memory.delete': (input) => {
      service.delete(input.id);
      return { ok: true };
    },
    'memory.search': (input) => {
      status.requireProject(input.projectId);
      return retriever.retrieve(input);
    },
    'memory.indexStatus': (input) => status.status(input.projectId),
    'memory.reindex': (input) => status.reindex(input.projectId),
  };
}
