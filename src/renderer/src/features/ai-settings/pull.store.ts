import { create } from 'zustand';
import type { EventPayload } from '../../../../shared/ipc/events';
import { errorMessage, type Api } from '../../lib/api';
import { cancelStream, followStream } from '../../lib/streams';
import { notify } from '../../ui';
import type { PullProgress } from './ai-format';
import type { LlmStatusStore } from './llm-status.store';

export type PullPhase = 'idle' | 'pulling' | 'done' | 'cancelled' | 'error';

interface PullState {
  /** The model being (or last) pulled. */
  model: string | null;
  streamId: string | null;
  phase: PullPhase;
  progress: PullProgress | null;
  /** The core's sentence when the pull failed. */
  error: string | null;
  /** Starts pulling an Ollama model; one pull at a time. */
  start(model: string): Promise<void>;
  /** Stops the running pull (the core ends the stream as cancelled). */
  cancel(): Promise<void>;
  /** Clears a finished pull's message. */
  reset(): void;
}

/**
 * The one Ollama model download in progress. It lives outside any dialog so closing the
 * onboarding or the settings does not lose sight of it.
 */
export const createPullStore = (api: Api, useLlmStatus: LlmStatusStore) => create<PullState>()((set, get) => ({
  model: null,
  streamId: null,
  phase: 'idle',
  progress: null,
  error: null,
  async start(rawModel) {
    const model = rawModel.trim();
    if (!model || get().phase === 'pulling') return;
    set({ model, streamId: null, phase: 'pulling', progress: null, error: null });

    // Subscribe before starting: progress may arrive before the call answers with the id.
    let streamId: string | null = null;
    const early: EventPayload<'llm.pullProgress'>[] = [];
    const offProgress = api.on('llm.pullProgress', (event) => {
      if (streamId === null) early.push(event);
      else if (event.streamId === streamId) set({ progress: event });
    });
    const follower = followStream(api, {
      onEnd(end) {
        offProgress();
        if (end.status === 'done') {
          set({ phase: 'done', streamId: null });
          notify.success(`${model} is ready to use.`);
          void useLlmStatus.getState().load();
        } else if (end.status === 'cancelled') {
          set({ phase: 'cancelled', streamId: null });
        } else {
          set({ phase: 'error', streamId: null, error: end.error?.message ?? `${model} could not be downloaded.` });
        }
      },
    });
    try {
      const started = await api.call('llm.pull', { model });
      streamId = started.streamId;
      const last = early.filter((e) => e.streamId === started.streamId).at(-1);
      set({ streamId: started.streamId, ...(last && { progress: last }) });
      follower.bind(started.streamId);
    } catch (error) {
      offProgress();
      follower.dispose();
      set({ phase: 'error', error: errorMessage(error) });
    }
  },
  async cancel() {
    const { streamId } = get();
    if (!streamId) return;
    try {
      await cancelStream(api, streamId);
    } catch (error) {
      notify.error(error, { title: 'Could not stop the download' });
    }
  },
  reset() {
    if (get().phase !== 'pulling') set({ phase: 'idle', model: null, progress: null, error: null });
  },
}));
export type PullStore = ReturnType<typeof createPullStore>;
