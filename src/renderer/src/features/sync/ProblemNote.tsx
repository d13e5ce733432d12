import { AlertTriangle } from 'lucide-react';
import { Button } from '../../ui';
import { FIX_LABELS, type SyncFix, type SyncProblemView } from './sync-errors';

export interface ProblemNoteProps {
  problem: SyncProblemView | null;
  /** Runs the problem's fix; without it (or for a fix the place cannot offer) only the words show. */
  onFix?: (fix: Exclude<SyncFix, null>) => void;
  /** Fixes this place offers (a form can retry but not upgrade). Default: every one. */
  offers?: readonly Exclude<SyncFix, null>[];
  /** Show the core's sentence instead of the UI's (where the core names the specifics). */
  coreWords?: boolean;
  'data-testid'?: string;
}

/** A sync problem in words, with the one action that fixes it. Announced to screen readers. */
export function ProblemNote({ problem, onFix, offers, coreWords = false, 'data-testid': testId }: ProblemNoteProps) {
  if (!problem) return null;
  const fix = problem.fix && onFix && (!offers || offers.includes(problem.fix)) ? problem.fix : null;
  return (
    <div className="sync-note sync-note--danger" role="alert" data-testid={testId ?? 'sync-problem'} data-code={problem.code}>
      <AlertTriangle size={15} aria-hidden="true" />
      <div>
        <strong>{problem.title}</strong>
        <span>{coreWords ? problem.coreMessage : problem.message}</span>
      </div>
      {fix && onFix && (
        <Button size="sm" onClick={() => onFix(fix)} data-testid={`sync-fix-${fix}`}>
          {FIX_LABELS[fix]}
        </Button>
      )}
    </div>
  );
}
