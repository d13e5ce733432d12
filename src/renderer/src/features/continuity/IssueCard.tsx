import { BookOpen, Check, FileText, PencilLine } from 'lucide-react';
import type { JSX } from 'react';
import type { CodexChangeProposal, ContinuityEvidence, ContinuityIssue } from '../../../../shared/models/continuity';
import { Button } from '../../ui';

export interface IssueCardProps {
  issue: ContinuityIssue;
  /** The codex change under review for this issue, if the writer asked for one. */
  proposal: CodexChangeProposal | null;
  busy: boolean;
  onOpen(evidence: ContinuityEvidence): void;
  onFixText(): void;
  onProposeCodex(): void;
  onApprove(): void;
  onDecline(): void;
  onIntended(): void;
}

const RESOLUTION_LABELS = { 'fixed-text': 'Text fixed', 'codex-updated': 'Codex updated', intended: 'Intended' } as const;

/** Where one side of a contradiction lives, as a link that opens it, and its words. */
function Evidence({ evidence, side, onOpen }: { evidence: ContinuityEvidence; side: string; onOpen(evidence: ContinuityEvidence): void }): JSX.Element {
  const opens = evidence.type === 'codex' ? 'Open the codex entry' : 'Open the scene at this passage';
  return (
    <figure className="continuity-evidence" data-testid={`continuity-${side}`}>
      <figcaption>
        <button type="button" className="continuity-evidence__link" onClick={() => onOpen(evidence)} title={opens} data-testid={`continuity-${side}-link`}>
          {evidence.type === 'codex' ? <BookOpen size={13} aria-hidden="true" /> : <FileText size={13} aria-hidden="true" />}
          <span>{evidence.label}</span>
          <span className="ui-visually-hidden"> — {opens.toLowerCase()}</span>
        </button>
      </figcaption>
      <blockquote className="continuity-evidence__quote" data-testid={`continuity-${side}-quote`}>
        {evidence.quote}
      </blockquote>
    </figure>
  );
}

/** One contradiction: its sentence, both quotes with links, and the three ways to settle it. */
export function IssueCard(props: IssueCardProps): JSX.Element {
  const { issue, proposal } = props;
  const headingId = `continuity-issue-${issue.id}`;
  return (
    <li className="continuity-issue" aria-labelledby={headingId} data-testid="continuity-issue" data-issue-id={issue.id}>
      <p className="continuity-issue__summary" id={headingId} data-testid="continuity-summary">
        {issue.summary}
      </p>
      <Evidence evidence={issue.found} side="found" onOpen={props.onOpen} />
      <Evidence evidence={issue.against} side="against" onOpen={props.onOpen} />
      {issue.status === 'resolved' ? (
        <p className="continuity-issue__resolved" data-testid="continuity-resolution">
          <Check size={13} aria-hidden="true" /> {issue.resolution ? RESOLUTION_LABELS[issue.resolution] : 'Resolved'}
        </p>
      ) : proposal ? (
        <div className="continuity-proposal" role="group" aria-label="Proposed codex change" data-testid="continuity-proposal">
          <p className="continuity-proposal__title">Change the codex?</p>
          <dl className="continuity-proposal__diff">
            <dt>{proposal.field}, now</dt>
            <dd data-testid="continuity-proposal-before">{proposal.before ?? '(not set)'}</dd>
            <dt>{proposal.field}, after</dt>
            <dd data-testid="continuity-proposal-after">{proposal.after}</dd>
          </dl>
          <div className="continuity-issue__actions">
            <Button size="sm" variant="primary" busy={props.busy} onClick={props.onApprove} data-testid="continuity-proposal-approve">
              Approve change
            </Button>
            <Button size="sm" disabled={props.busy} onClick={props.onDecline} data-testid="continuity-proposal-decline">
              Decline
            </Button>
          </div>
        </div>
      ) : (
        <div className="continuity-issue__actions" role="group" aria-label="Resolve">
          <Button size="sm" icon={<PencilLine size={13} />} disabled={props.busy} onClick={props.onFixText} data-testid="continuity-fix-text">
            Fix the text
          </Button>
          <Button size="sm" icon={<BookOpen size={13} />} disabled={props.busy} onClick={props.onProposeCodex} data-testid="continuity-update-codex">
            Update the codex
          </Button>
          <Button size="sm" variant="ghost" disabled={props.busy} onClick={props.onIntended} data-testid="continuity-intended">
            It’s intended
          </Button>
        </div>
      )}
    </li>
  );
}
