import type { DomainHandlers } from '../handlers';
import type { PlaybookService } from './playbook.service';

type PlaybookMethods = 'playbooks.list' | 'playbooks.get' | 'playbooks.duplicate' | 'playbooks.update' | 'playbooks.delete';

export function createPlaybookHandlers(playbooks: PlaybookService): DomainHandlers<PlaybookMethods> {
  return {
    'playbooks.list': () => playbooks.list(),
    'playbooks.get': ({ id }) => playbooks.get(id),
    'playbooks.duplicate': (input) => playbooks.duplicate(input),
    'playbooks.update': (input) => playbooks.update(input),
    'playbooks.delete': ({ id }) => {
      playbooks.remove(id);
      return { ok: true };
    },
  };
}
