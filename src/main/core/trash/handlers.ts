import type { DomainHandlers } from '../handlers';
import type { TrashService } from './trash.service';

/** The contract's `trash.*` methods over the trash service. */
export function createTrashHandlers(service: TrashService): DomainHandlers<'trash.list' | 'trash.restore' | 'trash.empty'> {
  return {
    'trash.list': (input) => service.list(input.projectId),
    'trash.restore': (input) => {
      service.restore(input);
      return { ok: true };
    },
    // The contract already demands `confirm: true`, so reaching here means the user confirmed.
    'trash.empty': (input) => service.empty(input.projectId),
  };
}
