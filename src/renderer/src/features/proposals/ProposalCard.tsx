import { AlertTriangle, Ban, Check, FileText, Pencil, X } from 'lucide-react';
import { useId, useState, type JSX } from 'react';
import type { Proposal, ProposalChange } from '../../../../shared/models/runs';
import { Button } from '../../ui';
import { useNavigation } from '../project/navigation.store';
import { FieldDiff, TextDiff } from './DiffView';
import { ProposalEditor } from './ProposalEditor';
import { blockingReason, describeTarget, effectiveChange } from './proposal-diff';

export interface ProposalCardProps {
  proposal: Proposal;
  /** The agent's display name, when known. */
  agentName: string | null;
  busy: boolean;
  onApprove(edited?: ProposalChange): void;
  onReject(): void;
}

const STATUS_LABEL: Record<Proposal['status'], string> = { pending: 'Waiting for you', applied: 'Applied', rejected: 'Rejected', conflict: 'Conflict' };

/** What the change does, as a diff: words for prose, fields for the codex, the text of a memory. */
function ChangeView({ change }: { change: ProposalChange }): JSX.Element {
  switch (change.type) {
    case 'scene-text':
      return <TextDiff before={change.before} after={change.after} label={`Changes to ${change.sceneTitle}`} />;
    case 'new-scene':
      return <TextDiff before="" after={change.after} label={`Text of the new scene ${change.title}`} />;
    case 'codex':
      return <FieldDiff before={change.before} after={change.after} />;
    case 'memory':
      return (
        <blockquote className="proposal-memory" data-testid="proposal-memory">
          {change.content}
        </blockquote>
      );
  }
}

/** One proposal: its target, its diff, the policy's findings, and Approve / Edit / Reject while it is pending. */
export function ProposalCard({ proposal, agentName, busy, onApprove, onReject }: ProposalCardProps): JSX.Element {
  const [editing, setEditing] = useState(false);
  const reasonId = useId();
  const change = effectiveChange(proposal);
  const target = describeTarget(change);
  const blocked = blockingReason(proposal);
  const pending = proposal.status === 'pending';
  const headingId = `${reasonId}-title`;
  return (
    <li className={`proposal-card is-${proposal.status}`} aria-labelledby={headingId} data-testid="proposal-card" data-status={proposal.status}>
      <header className="proposal-card__head">
        <FileText size={14} aria-hidden="true" />
        <h3 id={headingId} className="proposal-card__title">
          <span className="proposal-card__kind">{target.kind}</span> {target.name}
        </h3>
        <span className={`proposal-card__status is-${proposal.status}`} data-testid="proposal-status">
          {STATUS_LABEL[proposal.status]}
          {proposal.edited && proposal.status === 'applied' ? ' (edited)' : ''}
        </span>
      </header>
      <p className="proposal-card__meta">
        {agentName ?? proposal.agentId ?? 'The crew'} · step {proposal.stepKey}
        {change.type === 'scene-text' && (
          <>
            {' · '}
            <button type="button" className="ui-link-button" onClick={() => useNavigation.getState().openScene(change.sceneId)}>
              Open the scene
            </button>
          </>
        )}
      </p>
      {proposal.status === 'conflict' && (
        <p className="proposal-card__conflict" role="note" data-testid="proposal-conflict">
          <AlertTriangle size={14} aria-hidden="true" /> {proposal.note ?? 'The target changed since this was proposed; it was not applied.'}
        </p>
      )}
      {proposal.violations.length > 0 && (
        <ul className="proposal-card__violations" aria-label="Policy findings">
          {proposal.violations.map((violation, i) => (
            <li key={`${violation.rule}-${i}`} className={violation.blocking ? 'is-blocking' : 'is-warning'} data-testid="proposal-violation">
              {violation.blocking ? <Ban size={13} aria-hidden="true" /> : <AlertTriangle size={13} aria-hidden="true" />}
              <span>
                {violation.blocking ? 'Blocked: ' : 'Warning: '}
                {violation.message} <span className="proposal-card__rule">({violation.rule})</span>
              </span>
            </li>
          ))}
        </ul>
      )}
      {editing && pending ? (
        <ProposalEditor
          change={change}
          busy={busy}
          onCancel={() => setEditing(false)}
          onApprove={(edited) => {
            onApprove(edited);
          }}
        />
      ) : (
        <>
          <ChangeView change={change} />
          {pending && (
            <div className="proposal-card__actions">
              <Button variant="primary" size="sm" icon={<Check size={14} />} busy={busy} disabled={blocked !== null} aria-describedby={blocked ? reasonId : undefined} onClick={() => onApprove()}>
                Approve
              </Button>
              <Button size="sm" icon={<Pencil size={14} />} disabled={busy} onClick={() => setEditing(true)}>
                Edit then approve
              </Button>
              <Button size="sm" variant="ghost" icon={<X size={14} />} disabled={busy} onClick={onReject}>
                Reject
              </Button>
              {blocked && (
                <p id={reasonId} className="proposal-card__blocked" data-testid="proposal-blocked-reason">
                  Approve is off: {blocked} Edit the text to fix it, or reject the proposal.
                </p>
              )}
            </div>
          )}
        </>
      )}
    </li>
  );
}
