import type { DomainHandlers } from '../handlers';
import type { CodexService } from './codex.service';

/** The contract's `codex.*` methods over the codex service. */
export function createCodexHandlers(service: CodexService): DomainHandlers<'codex.list' | 'codex.create' | 'codex.update' | 'codex.delete'> {
  return {
    'codex.list': (input) => service.list(input.projectId),
    'codex.create': (input) => service.create(input),
    'codex.update': (input) => service.update(input),
    'codex.delete': (input) => {
      service.delete(input.id);
      return { ok: true };
    },
  };
}
