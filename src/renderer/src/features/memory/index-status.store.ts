import { useEffect } from 'react';
import { create } from 'zustand';
import type { MethodOutput } from '../../../../shared/ipc/contract';
import { FINISHED_JOB_STATUSES, type Job } from '../../../../shared/models/jobs';
import { useStores } from '../../app/services';
import { errorMessage, type Api } from '../../lib/api';
import { createSharedSubscription } from '../../lib/shared-subscription';
import { notify } from '../../ui';

export type IndexStatus = MethodOutput<'memory.indexStatus'>;

interface IndexStatusState {
  projectId: string | null;
  status: IndexStatus | null;
  /** The last indexing job that failed, kept so its error stays on screen until the next run. */
  failedJob: Job | null;
  error: string | null;
  reindexing: boolean;
  load(projectId: string): Promise<void>;
  reindex(projectId: string): Promise<void>;
  /** Follows `job.changed` and `memory.changed` for the project until every watcher lets go. */
  watch(projectId: string): () => void;
}

/** Jobs of the memory domain (indexing, re-indexing) move the index's progress bar. */
const isIndexJob = (job: Job, projectId: string | null) => job.projectId === projectId && job.kind.startsWith('memory.');

/** How far the open project is indexed, the running indexing job (live), and Re-index. */
export const createIndexStatusStore = (api: Api) =>
  create<IndexStatusState>()((set, get) => {
    let loadSeq = 0;

    const onJob = (job: Job) => {
      const { projectId, status } = get();
      if (!status || !isIndexJob(job, projectId)) return;
      const current = status.job;
      // Events of one job arrive ordered by seq; a late duplicate or a replayed older one is ignored.
      if (current && current.id === job.id && job.seq <= current.seq) return;
      if (FINISHED_JOB_STATUSES.includes(job.status)) {
        set({ status: { ...status, job: null }, failedJob: job.status === 'failed' ? job : get().failedJob });
        void get().load(job.projectId ?? status.projectId);
        return;
      }
      set({ status: { ...status, job }, failedJob: null });
    };

    /** Running while any component shows the status: job and memory events, and a re-read after each reconnect. */
    const sync = createSharedSubscription(() => {
      const offJob = api.on('job.changed', onJob);
      const offMemory = api.on('memory.changed', (event) => {
        if (event.projectId === get().projectId) void get().load(event.projectId);
      });
      // Events missed while disconnected are not replayed here: after a reconnect, read the status afresh.
      const offStatus = api.onStatus((connection) => {
        const current = get().projectId;
        if (connection === 'open' && current) void get().load(current);
      });
      return () => {
        offJob();
        offMemory();
        offStatus();
      };
    });

    return {
      projectId: null,
      status: null,
      failedJob: null,
      error: null,
      reindexing: false,
      async load(projectId) {
        const seq = ++loadSeq;
        if (get().projectId !== projectId) set({ projectId, status: null, failedJob: null, error: null });
        try {
          const status = await api.call('memory.indexStatus', { projectId });
          if (seq === loadSeq) set({ status, error: null });
        } catch (error) {
          if (seq === loadSeq) set({ error: errorMessage(error) });
        }
      },
      async reindex(projectId) {
        set({ reindexing: true, failedJob: null });
        try {
          const job = await api.call('memory.reindex', { projectId });
          const status = get().status;
          if (status && get().projectId === projectId && !FINISHED_JOB_STATUSES.includes(job.status)) set({ status: { ...status, job } });
          await get().load(projectId);
        } catch (error) {
          notify.error(error, { title: 'Could not start re-indexing' });
        } finally {
          set({ reindexing: false });
        }
      },
      watch(projectId) {
        const state = get();
        if (state.projectId !== projectId || !state.status) void state.load(projectId);
        return sync.retain();
      },
    };
  });
export type IndexStatusStore = ReturnType<typeof createIndexStatusStore>;

/** Loads the project's index status and keeps it live while the component is shown. */
export function useIndexStatusWatch(projectId: string): void {
  const { useIndexStatus } = useStores();
  useEffect(() => useIndexStatus.getState().watch(projectId), [projectId, useIndexStatus]);
}
