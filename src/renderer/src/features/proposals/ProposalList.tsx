import { useState, type JSX } from 'react';
import type { Proposal, ProposalChange } from '../../../../shared/models/runs';
import { useApi, useStores } from '../../app/services';
import { notify } from '../../ui';
import { ProposalCard } from './ProposalCard';
import { useAgentNames } from './use-agent-names';

/** Proposals with their decisions wired to the store (shared by the inbox and the run view). */
export function ProposalList({ proposals, label }: { proposals: readonly Proposal[]; label: string }): JSX.Element {
  const { useProposals } = useStores();
  const names = useAgentNames(useApi());
  const [busyId, setBusyId] = useState<string | null>(null);
  const decide = async (id: string, work: () => Promise<Proposal>, failure: string) => {
    setBusyId(id);
    try {
      const decided = await work();
      if (decided.status === 'conflict') notify.info(decided.note ?? 'The target changed since this was proposed; it was not applied.', { title: 'Not applied' });
    } catch (error) {
      notify.error(error, { title: failure });
    } finally {
      setBusyId(null);
    }
  };
  return (
    <ul className="proposal-list" aria-label={label}>
      {proposals.map((proposal) => (
        <ProposalCard
          key={proposal.id}
          proposal={proposal}
          agentName={proposal.agentId ? (names[proposal.agentId] ?? null) : null}
          busy={busyId === proposal.id}
          onApprove={(edited?: ProposalChange) => void decide(proposal.id, () => useProposals.getState().approve(proposal.id, edited), 'Could not approve the proposal')}
          onReject={() => void decide(proposal.id, () => useProposals.getState().reject(proposal.id), 'Could not reject the proposal')}
        />
      ))}
    </ul>
  );
}
