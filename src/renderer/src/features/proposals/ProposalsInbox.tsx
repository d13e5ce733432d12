import { Inbox } from 'lucide-react';
import { useState, type JSX } from 'react';
import type { Proposal } from '../../../../shared/models/runs';
import { useStores } from '../../app/services';
import { Button, EmptyState, Spinner } from '../../ui';
import { ProposalList } from './ProposalList';

type Show = 'pending' | 'decided';

/** Newest decision first among the decided; pending ones stay oldest first (the order they came in). */
const decidedFirst = (a: Proposal, b: Proposal) => (b.decidedAt ?? 0) - (a.decidedAt ?? 0);

/** The proposals inbox of a project: what waits for a decision, and what was decided. */
export function ProposalsInbox({ projectId }: { projectId: string }): JSX.Element {
  const { useProposals } = useStores();
  const store = useProposals();
  const [show, setShow] = useState<Show>('pending');
  const mine = store.projectId === projectId;
  const all = mine ? store.proposals : [];
  const shown = show === 'pending' ? all.filter((p) => p.status === 'pending') : all.filter((p) => p.status !== 'pending').sort(decidedFirst);
  return (
    <div className="crew-section" data-testid="proposals-inbox">
      <div className="crew-section__bar" role="radiogroup" aria-label="Which proposals">
        {(['pending', 'decided'] as const).map((value) => (
          <button key={value} type="button" role="radio" aria-checked={show === value} className={`crew-filter${show === value ? ' is-active' : ''}`} onClick={() => setShow(value)}>
            {value === 'pending' ? 'Waiting' : 'Decided'}
          </button>
        ))}
      </div>
      {!mine || (store.status === 'loading' && all.length === 0) ? (
        <div className="ui-panel__center">
          <Spinner label="Loading proposals…" />
        </div>
      ) : store.status === 'error' && all.length === 0 ? (
        <EmptyState size="sm" title="Proposals could not be loaded" action={<Button onClick={() => void store.load(projectId)}>Try again</Button>}>
          {store.error}
        </EmptyState>
      ) : shown.length === 0 ? (
        <EmptyState size="sm" icon={<Inbox size={22} />} title={show === 'pending' ? 'Nothing waits for your approval' : 'No decisions yet'} data-testid="proposals-empty">
          When the crew proposes a change to a scene, the codex or memory, it waits here until you approve, edit or reject it. Nothing changes before that.
        </EmptyState>
      ) : (
        <ProposalList proposals={shown} label={show === 'pending' ? 'Proposals waiting for you' : 'Decided proposals'} />
      )}
    </div>
  );
}
