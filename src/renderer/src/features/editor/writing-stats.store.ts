import { useEffect } from 'react';
import { create } from 'zustand';
import type { Outline } from '../../../../shared/models/manuscript';
import type { WritingSession } from '../../../../shared/models/writing-session';
import { useApi, useStores } from '../../app/services';
import { errorMessage, type Api } from '../../lib/api';

interface WritingStatsState {
  projectId: string | null;
  wordGoal: number;
  /** Stored word count per scene, kept current from `scene.saved` events. */
  sceneWords: Record<string, number>;
  /** Today's words in this project as the core stores them (null until loaded). */
  session: WritingSession | null;
  error: string | null;
  load(projectId: string): Promise<void>;
  /** A save: the scene's stored count and, for an autosave, the session after it, in one step. */
  applySaved(sceneId: string, wordCount: number, session?: WritingSession): void;
}

function countsOf(outline: Outline): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const chapter of outline.chapters) for (const scene of chapter.scenes) counts[scene.id] = scene.wordCount;
  return counts;
}

/**
 * Progress toward the project's goal and today's words. The session lives in the core (per
 * project, per local day), so a reload, a restart and a second window all show the same figure.
 */
export const createWritingStatsStore = (api: Api) => create<WritingStatsState>()((set, get) => {
  let seq = 0;
  return {
    projectId: null,
    wordGoal: 0,
    sceneWords: {},
    session: null,
    error: null,
    async load(projectId) {
      const mine = ++seq;
      if (get().projectId !== projectId) set({ projectId, sceneWords: {}, session: null, wordGoal: 0, error: null });
      try {
        const [project, outline, session] = await Promise.all([
          api.call('project.get', { id: projectId }),
          api.call('outline.get', { projectId }),
          api.call('stats.session', { projectId }),
        ]);
        if (mine !== seq) return;
        set({ wordGoal: project.wordGoal, sceneWords: countsOf(outline), session, error: null });
      } catch (error) {
        if (mine === seq) set({ error: errorMessage(error) });
      }
    },
    applySaved(sceneId, wordCount, session) {
      const state = get();
      const sameSession = !session || (state.session?.day === session.day && state.session.words === session.words);
      if (state.sceneWords[sceneId] === wordCount && sameSession) return;
      set({ sceneWords: { ...state.sceneWords, [sceneId]: wordCount }, ...(session && { session }) });
    },
  };
});
export type WritingStatsStore = ReturnType<typeof createWritingStatsStore>;

/** Milliseconds from `now` to just after the next local midnight, when a new session starts. */
export function msUntilNextDay(now: Date): number {
  const next = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1, 0, 0, 1);
  return next.getTime() - now.getTime();
}

/** Loads the figures and keeps them current while mounted, including past midnight. */
export function useWritingStatsSync(projectId: string): void {
  const api = useApi();
  const { useWritingStats } = useStores();
  useEffect(() => {
    const store = useWritingStats.getState();
    void store.load(projectId);
    let timer: ReturnType<typeof setTimeout> | null = null;
    // Outline and snapshot changes can touch many scenes at once: reload once they settle.
    const reloadSoon = () => {
      if (timer !== null) clearTimeout(timer);
      timer = setTimeout(() => void useWritingStats.getState().load(projectId), 300);
    };
    let dayTimer: ReturnType<typeof setTimeout>;
    const atMidnight = () => {
      dayTimer = setTimeout(() => {
        void useWritingStats.getState().load(projectId);
        atMidnight();
      }, msUntilNextDay(new Date()));
    };
    atMidnight();
    const offs = [
      api.on('scene.saved', (event) => {
        if (event.projectId === projectId) useWritingStats.getState().applySaved(event.id, event.wordCount, event.session);
      }),
      api.on('outline.changed', (event) => event.projectId === projectId && reloadSoon()),
      api.on('snapshot.changed', (event) => event.projectId === projectId && reloadSoon()),
      api.on('project.changed', (event) => (event.projectId === projectId || event.projectId === null) && reloadSoon()),
    ];
    return () => {
      if (timer !== null) clearTimeout(timer);
      clearTimeout(dayTimer);
      for (const off of offs) off();
    };
  }, [api, projectId, useWritingStats]);
}
