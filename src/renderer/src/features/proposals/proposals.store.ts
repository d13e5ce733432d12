import { create } from 'zustand';
import type { Proposal, ProposalChange } from '../../../../shared/models/runs';
import { ErrorCode } from '../../../../shared/ipc/errors';
import { ApiError, errorMessage, type Api } from '../../lib/api';
import { useEditorSession } from '../editor';

type LoadStatus = 'idle' | 'loading' | 'ready' | 'error';

interface ProposalsState {
  projectId: string | null;
  /** Every proposal of the project, oldest first (pending, and those decided). */
  proposals: Proposal[];
  status: LoadStatus;
  error: string | null;
  load(projectId: string): Promise<void>;
  /**
   * Approves a proposal, as proposed or with the writer's edit. The open scene is saved first,
   * so the core judges the proposal against what the writer last typed (a change since the
   * proposal was made is a conflict, not lost words).
   */
  approve(id: string, edited?: ProposalChange): Promise<Proposal>;
  reject(id: string): Promise<Proposal>;
}

/** Keeps the proposals list in step with one answer (a decided proposal replaces its pending self). */
function replace(proposals: readonly Proposal[], proposal: Proposal): Proposal[] {
  const index = proposals.findIndex((p) => p.id === proposal.id);
  if (index === -1) return [...proposals, proposal];
  return proposals.map((p, i) => (i === index ? proposal : p));
}

/** How many proposals wait for the writer's decision (the crew tab's badge). */
export const pendingCount = (proposals: readonly Proposal[]): number => proposals.filter((p) => p.status === 'pending').length;

/** The proposals inbox of a project: what agents want to change, until the writer decides. */
export const createProposalsStore = (api: Api) =>
  create<ProposalsState>()((set, get) => {
    let seq = 0;
    return {
      projectId: null,
      proposals: [],
      status: 'idle',
      error: null,
      async load(projectId) {
        const mine = ++seq;
        if (get().projectId !== projectId) set({ projectId, proposals: [], status: 'loading', error: null });
        try {
          const proposals = await api.call('proposals.list', { projectId });
          if (mine === seq) set({ proposals, status: 'ready', error: null });
        } catch (error) {
          if (mine === seq) set({ status: 'error', error: errorMessage(error) });
        }
      },
      async approve(id, edited) {
        const saved = await useEditorSession.getState().flush();
        const target = get().proposals.find((p) => p.id === id)?.change;
        // Approving over words the open scene could not save yet would set them against the proposal.
        if (!saved && target?.type === 'scene-text' && useEditorSession.getState().live?.sceneId === target.sceneId) {
          throw new ApiError(ErrorCode.CONFLICT, `Your latest words in “${target.sceneTitle}” are not saved yet. Approve once the scene says Saved.`, true);
        }
        // The open scene takes the approved text as the writer's own change: one undo takes it back.
        const ownChangeStored = target?.type === 'scene-text' ? useEditorSession.getState().expectOwnChange(target.sceneId) : null;
        let proposal: Proposal;
        try {
          proposal = await api.call('proposals.approve', { id, ...(edited && { edited }) });
        } finally {
          await ownChangeStored?.();
        }
        // A list read while this was on its way must not bring the pending version back.
        seq += 1;
        set((state) => ({ proposals: replace(state.proposals, proposal) }));
        return proposal;
      },
      async reject(id) {
        const proposal = await api.call('proposals.reject', { id });
        seq += 1;
        set((state) => ({ proposals: replace(state.proposals, proposal) }));
        return proposal;
      },
    };
  });
export type ProposalsStore = ReturnType<typeof createProposalsStore>;
