import { create } from 'zustand';
import type { MethodInput } from '../../../../shared/ipc/contract';
import type { EventPayload } from '../../../../shared/ipc/events';
import type { Run, RunDetail } from '../../../../shared/models/runs';
import { errorMessage, type Api } from '../../lib/api';

type LoadStatus = 'idle' | 'loading' | 'ready' | 'error';
type RunChanged = EventPayload<'run.changed'>;

interface RunsState {
  /** The project whose runs are listed. */
  projectId: string | null;
  runs: Run[];
  status: LoadStatus;
  error: string | null;
  /** The run open in the run view, with its steps and proposals. */
  detail: RunDetail | null;
  detailStatus: LoadStatus;
  detailError: string | null;
  /** Why the last Cancel, Retry, Skip or answer was refused. */
  actionError: string | null;
  load(projectId: string): Promise<void>;
  /** Reads one run for the run view (and keeps it current through {@link runChanged}). */
  openDetail(runId: string): Promise<void>;
  closeDetail(): void;
  /**
   * A `run.changed` event: an event whose `seq` is not newer than the run held is stale and
   * ignored; a newer one re-reads the run (and the list, for the run's project).
   */
  runChanged(event: RunChanged): void;
  start(input: MethodInput<'runs.start'>): Promise<Run>;
  cancel(runId: string): Promise<void>;
  decide(runId: string, stepKey: string, action: 'retry' | 'skip' | 'cancel'): Promise<void>;
  answer(runId: string, answer: string): Promise<void>;
}

/** Replaces a run in a list when the given one is newer (higher `seq`), else leaves the list alone. */
export function mergeRun(runs: readonly Run[], run: Run): Run[] {
  const index = runs.findIndex((r) => r.id === run.id);
  if (index === -1) return [run, ...runs];
  const known = runs[index];
  if (known && known.seq >= run.seq) return [...runs];
  return runs.map((r, i) => (i === index ? run : r));
}

/**
 * A project's agent runs and the one open in the run view. Every change of a run bumps its
 * `seq`: answers and events older than what is held are dropped, so a late `runs.get` never
 * rolls the view back.
 */
export const createRunsStore = (api: Api) =>
  create<RunsState>()((set, get) => {
    let listSeq = 0;
    /** The run whose detail is being read, so a read for a run closed meanwhile is dropped. */
    let wanted: string | null = null;

    /** Keeps the newer of the held detail and `detail` (by the run's seq). */
    const applyDetail = (detail: RunDetail) => {
      if (wanted !== detail.run.id) return;
      const held = get().detail;
      if (held && held.run.id === detail.run.id && held.run.seq > detail.run.seq) return;
      set((state) => ({ detail, detailStatus: 'ready', detailError: null, runs: state.projectId === detail.run.projectId ? mergeRun(state.runs, detail.run) : state.runs }));
    };
    const applyRun = (run: Run) => {
      set((state) => ({ runs: state.projectId === run.projectId ? mergeRun(state.runs, run) : state.runs }));
      // The step or proposal behind this change is only in the detail: re-read it.
      if (wanted === run.id && (get().detail?.run.seq ?? -1) < run.seq) void refreshDetail(run.id);
    };
    const refreshDetail = async (runId: string) => {
      try {
        applyDetail(await api.call('runs.get', { id: runId }));
      } catch (error) {
        if (wanted === runId && get().detail === null) set({ detailStatus: 'error', detailError: errorMessage(error) });
      }
    };
    const act = async (work: () => Promise<Run>) => {
      set({ actionError: null });
      try {
        applyRun(await work());
      } catch (error) {
        set({ actionError: errorMessage(error) });
        throw error;
      }
    };

    return {
      projectId: null,
      runs: [],
      status: 'idle',
      error: null,
      detail: null,
      detailStatus: 'idle',
      detailError: null,
      actionError: null,
      async load(projectId) {
        const mine = ++listSeq;
        if (get().projectId !== projectId) set({ projectId, runs: [], status: 'loading', error: null });
        try {
          const runs = await api.call('runs.list', { projectId, limit: 50 });
          if (mine !== listSeq) return;
          // A run that changed while the list was on its way keeps its newer version.
          const held = new Map(get().runs.map((run) => [run.id, run]));
          set({ runs: runs.map((run) => { const known = held.get(run.id); return known && known.seq > run.seq ? known : run; }), status: 'ready', error: null });
        } catch (error) {
          if (mine === listSeq) set({ status: 'error', error: errorMessage(error) });
        }
      },
      async openDetail(runId) {
        wanted = runId;
        if (get().detail?.run.id !== runId) set({ detail: null, detailStatus: 'loading', detailError: null, actionError: null });
        await refreshDetail(runId);
      },
      closeDetail() {
        wanted = null;
        set({ detail: null, detailStatus: 'idle', detailError: null, actionError: null });
      },
      runChanged(event) {
        const listed = get().runs.find((run) => run.id === event.runId);
        const inList = event.projectId === get().projectId && (!listed || listed.seq < event.seq);
        if (inList) void get().load(event.projectId);
        const detail = get().detail;
        if (wanted === event.runId && (!detail || detail.run.seq < event.seq)) void refreshDetail(event.runId);
      },
      async start(input) {
        const run = await api.call('runs.start', input);
        applyRun(run);
        return run;
      },
      cancel: (runId) => act(() => api.call('runs.cancel', { id: runId })),
      decide: (runId, stepKey, action) => act(() => api.call('runs.decide', { id: runId, stepKey, action })),
      answer: (runId, answer) => act(() => api.call('runs.answer', { id: runId, answer })),
    };
  });
export type RunsStore = ReturnType<typeof createRunsStore>;
