import type { DomainHandlers } from '../handlers';
import type { SnapshotService } from './snapshot.service';

type SnapshotMethods = 'snapshot.create' | 'snapshot.list' | 'snapshot.preview' | 'snapshot.restore' | 'snapshot.delete';

/** The contract's `snapshot.*` methods over the snapshot service. */
export function createSnapshotHandlers(service: SnapshotService): DomainHandlers<SnapshotMethods> {
  return {
    'snapshot.create': (input) => service.create(input),
    'snapshot.list': (input) => service.list(input),
    'snapshot.preview': (input) => service.preview(input.id),
    'snapshot.restore': (input) => service.restore(input.id),
    'snapshot.delete': (input) => {
      service.delete(input.id);
      return { ok: true };
    },
  };
}
