import { create } from 'zustand';
import type { Render, Waveform } from '../../../../shared/models/media';
import { errorMessage, type Api } from '../../lib/api';

type LoadStatus = 'idle' | 'loading' | 'ready' | 'error';

/** Where an export went. */
export interface ExportResult {
  renderId: string;
  folder: string;
  files: string[];
}

interface RendersState {
  /** The video whose renders are listed. */
  videoId: string | null;
  /** Newest first. */
  renders: Render[];
  status: LoadStatus;
  error: string | null;
  /** Waveforms already read, by render id. */
  waveforms: Record<string, Waveform>;
  lastExport: ExportResult | null;
  load(videoId: string): Promise<void>;
  /** A `render.changed` event: the whole render, kept when it belongs to the listed video. */
  renderChanged(render: Render): void;
  start(videoId: string): Promise<Render>;
  cancel(renderId: string): Promise<void>;
  remove(renderId: string): Promise<void>;
  waveform(renderId: string): Promise<Waveform>;
  exportFiles(renderId: string): Promise<ExportResult>;
  reset(): void;
}

const ORDER: Record<Render['status'], number> = { queued: 0, running: 1, failed: 2, cancelled: 2, done: 3 };

/**
 * Whether `next` may replace `held` (same render): an event can overtake an answer, so a render
 * never moves back from a finished state, nor back in progress while it runs.
 */
export function isNewerRender(held: Render, next: Render): boolean {
  if (ORDER[next.status] !== ORDER[held.status]) return ORDER[next.status] > ORDER[held.status] || held.status === 'failed' || held.status === 'cancelled';
  if (held.status === 'running' || held.status === 'queued') return next.progress >= held.progress;
  return true;
}

function merge(renders: readonly Render[], render: Render): Render[] {
  const index = renders.findIndex((r) => r.id === render.id);
  if (index === -1) return [render, ...renders].sort((a, b) => b.createdAt - a.createdAt);
  const held = renders[index];
  if (held && !isNewerRender(held, render)) return [...renders];
  return renders.map((r, i) => (i === index ? render : r));
}

/** One video's renders: the one in progress (stage, percent, ETA), the finished ones and their files. */
export const createRendersStore = (api: Api) =>
  create<RendersState>()((set, get) => {
    let seq = 0;
    const put = (render: Render) => set((state) => ({ renders: state.videoId === render.videoId ? merge(state.renders, render) : state.renders }));
    return {
      videoId: null,
      renders: [],
      status: 'idle',
      error: null,
      waveforms: {},
      lastExport: null,
      async load(videoId) {
        const mine = ++seq;
        if (get().videoId !== videoId) set({ videoId, renders: [], status: 'loading', error: null, lastExport: null });
        try {
          const listed = await api.call('media.renders.list', { videoId });
          if (mine !== seq) return;
          // A render that moved on while the list was on its way keeps its newer state.
          const held = new Map(get().renders.map((r) => [r.id, r]));
          const renders = listed.map((r) => {
            const known = held.get(r.id);
            return known && !isNewerRender(known, r) ? known : r;
          });
          set({ renders, status: 'ready', error: null });
        } catch (error) {
          if (mine === seq) set({ status: 'error', error: errorMessage(error) });
        }
      },
      renderChanged: put,
      async start(videoId) {
        const render = await api.call('media.renders.start', { id: videoId });
        put(render);
        return render;
      },
      async cancel(renderId) {
        put(await api.call('media.renders.cancel', { id: renderId }));
      },
      async remove(renderId) {
        await api.call('media.renders.delete', { id: renderId });
        set((state) => ({ renders: state.renders.filter((r) => r.id !== renderId), lastExport: state.lastExport?.renderId === renderId ? null : state.lastExport }));
      },
      async waveform(renderId) {
        const held = get().waveforms[renderId];
        if (held) return held;
        const waveform = await api.call('media.renders.waveform', { id: renderId });
        set((state) => ({ waveforms: { ...state.waveforms, [renderId]: waveform } }));
        return waveform;
      },
      async exportFiles(renderId) {
        const result = { renderId, ...(await api.call('media.renders.export', { id: renderId })) };
        set({ lastExport: result });
        return result;
      },
      reset() {
        seq += 1;
        set({ videoId: null, renders: [], status: 'idle', error: null, lastExport: null });
      },
    };
  });
export type RendersStore = ReturnType<typeof createRendersStore>;
