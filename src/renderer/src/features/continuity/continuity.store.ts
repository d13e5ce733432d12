import { useEffect } from 'react';
import { create } from 'zustand';
import type { CodexChangeProposal, ContinuityIssue, ContinuityResolution } from '../../../../shared/models/continuity';
import type { Job } from '../../../../shared/models/jobs';
import { useApi, useStores } from '../../app/services';
import { errorMessage, type Api } from '../../lib/api';
import { useEditorSession } from '../editor';

/** The kind of the jobs that check continuity (main/core/continuity). */
export const CONTINUITY_CHECK_KIND = 'continuity.check';

interface ContinuityState {
  projectId: string | null;
  show: 'open' | 'resolved';
  issues: ContinuityIssue[];
  status: 'idle' | 'loading' | 'ready' | 'error';
  error: string | null;
  /** The latest check of this project: one started here, or one running after a save. */
  job: Job | null;
  /** A codex change the writer is looking at, before approving or declining it. */
  proposal: CodexChangeProposal | null;
  load(projectId: string): Promise<void>;
  setShow(show: 'open' | 'resolved'): Promise<void>;
  /** Queues a check of one scene, or of the whole book without `sceneId`. */
  check(projectId: string, sceneId?: string): Promise<Job>;
  jobChanged(job: Job): void;
  propose(issueId: string): Promise<CodexChangeProposal>;
  declineProposal(): void;
  resolve(issueId: string, resolution: ContinuityResolution): Promise<ContinuityIssue>;
}

/** A project's continuity issues, its running check and the codex change being reviewed. */
export const createContinuityStore = (api: Api) =>
  create<ContinuityState>()((set, get) => {
    let seq = 0;
    /** A check already running when the panel opens shows its progress too. */
    const findRunningCheck = async (projectId: string) => {
      try {
        const [running] = await api.call('jobs.list', { projectId, kinds: [CONTINUITY_CHECK_KIND], statuses: ['running', 'retrying'], limit: 1 });
        if (running) get().jobChanged(running);
      } catch {
        // Only the progress line depends on it; the next job.changed brings it.
      }
    };
    return {
      projectId: null,
      show: 'open',
      issues: [],
      status: 'idle',
      error: null,
      job: null,
      proposal: null,
      async load(projectId) {
        const mine = ++seq;
        if (get().projectId !== projectId) {
          set({ projectId, issues: [], status: 'loading', error: null, job: null, proposal: null });
          void findRunningCheck(projectId);
        }
        try {
          const issues = await api.call('continuity.list', { projectId, status: get().show });
          if (mine === seq) set({ issues, status: 'ready', error: null });
        } catch (error) {
          if (mine === seq) set({ status: 'error', error: errorMessage(error) });
        }
      },
      async setShow(show) {
        set({ show });
        const projectId = get().projectId;
        if (projectId) await get().load(projectId);
      },
      async check(projectId, sceneId) {
        // The check reads what is saved: the last words typed are saved first.
        await useEditorSession.getState().flush();
        const job = await api.call('continuity.check', { projectId, ...(sceneId !== undefined && { sceneId }) });
        get().jobChanged(job);
        return job;
      },
      jobChanged(job) {
        if (job.kind !== CONTINUITY_CHECK_KIND || job.projectId !== get().projectId) return;
        const current = get().job;
        const same = current !== null && current.id === job.id;
        // Events of one job arrive in `seq` order, but a late answer may carry an older state.
        if (same && current.seq > job.seq) return;
        // A check queued after a save waits for the scene to be idle: shown once it runs, not while it waits.
        if (!same && job.status === 'queued') return;
        set({ job });
      },
      async propose(issueId) {
        const proposal = await api.call('continuity.proposeCodexChange', { issueId });
        set({ proposal });
        return proposal;
      },
      declineProposal: () => set({ proposal: null }),
      async resolve(issueId, resolution) {
        const proposal = get().proposal;
        const issue = await api.call('continuity.resolve', {
          issueId,
          resolution,
          ...(resolution === 'codex-updated' && proposal?.issueId === issueId && { proposal }),
        });
        set((state) => ({
          proposal: state.proposal?.issueId === issueId ? null : state.proposal,
          issues: issue.status === 'resolved' && state.show === 'open' ? state.issues.filter((i) => i.id !== issueId) : state.issues,
        }));
        return issue;
      },
    };
  });
export type ContinuityStore = ReturnType<typeof createContinuityStore>;

/** Loads the issues and follows `continuity.changed` and the checks' `job.changed` while mounted. */
export function useContinuitySync(projectId: string): void {
  const api = useApi();
  const { useContinuity } = useStores();
  useEffect(() => {
    void useContinuity.getState().load(projectId);
    const offIssues = api.on('continuity.changed', (event) => {
      if (event.projectId === projectId) void useContinuity.getState().load(projectId);
    });
    const offJobs = api.on('job.changed', (job) => useContinuity.getState().jobChanged(job));
    return () => {
      offIssues();
      offJobs();
    };
  }, [api, projectId, useContinuity]);
}
