import type { Proposal, ProposalChange } from '../../../../shared/models/runs';
import type { DiffPart } from '../../lib/proposal-diff';

/** How many words a diff adds and removes ("+120 −34"). */
export function diffStats(parts: readonly DiffPart[]): { added: number; removed: number } {
  const words = (text: string) => text.split(/\s+/u).filter(Boolean).length;
  return parts.reduce((acc, part) => ({ added: acc.added + (part.kind === 'added' ? words(part.text) : 0), removed: acc.removed + (part.kind === 'removed' ? words(part.text) : 0) }), { added: 0, removed: 0 });
}

/** What a proposal would change, in words: "Scene “The Lighthouse”", "New codex entry “Mara”". */
export function describeTarget(change: ProposalChange): { kind: string; name: string } {
  switch (change.type) {
    case 'scene-text':
      return { kind: 'Scene', name: change.sceneTitle };
    case 'new-scene':
      return { kind: `New scene in ${change.chapterTitle}`, name: change.title };
    case 'codex':
      return { kind: change.entryId === null ? `New codex entry (${change.kind})` : `Codex entry (${change.kind})`, name: change.name };
    case 'memory':
      return { kind: `Memory (${change.kind})`, name: change.markers.join(', ') || 'No markers' };
  }
}

/** The change as it would be applied: the writer's edit when there is one. */
export const effectiveChange = (proposal: Proposal): ProposalChange => proposal.edited ?? proposal.change;

/** The first blocking policy violation's sentence, or null when the proposal may be approved. */
export function blockingReason(proposal: Proposal): string | null {
  return proposal.violations.find((v) => v.blocking)?.message ?? null;
}
