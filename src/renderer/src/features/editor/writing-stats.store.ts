import { useEffect } from 'react';
import { create } from 'zustand';
import type { WritingSession } from '../../../../shared/models/writing-session';
import { useApi, useStores } from '../../app/services';
import { errorMessage, type Api } from '../../lib/api';

interface WritingStatsState {
  projectId: string | null;
  wordGoal: number;
  /** Today's words in this project as the core stores them (null until loaded). */
  session: WritingSession | null;
  error: string | null;
  load(projectId: string): Promise<void>;
  /** An autosave: the session after it. */
  applySaved(session: WritingSession): void;
}

/**
 * Progress toward the project's goal and today's words. The session lives in the core (per
 * project, per local day), so a reload, a restart and a second window all show the same figure.
 * The manuscript's words come from the outline store, which already holds every scene's count:
 * fetching the outline a second time doubled the cost of opening a 10,000-scene project.
 */
export const createWritingStatsStore = (api: Api) => create<WritingStatsState>()((set, get) => {
  let seq = 0;
  return {
    projectId: null,
    wordGoal: 0,
    session: null,
    error: null,
    async load(projectId) {
      const mine = ++seq;
      if (get().projectId !== projectId) set({ projectId, session: null, wordGoal: 0, error: null });
      try {
        const [project, session] = await Promise.all([api.call('project.get', { id: projectId }), api.call('stats.session', { projectId })]);
        if (mine !== seq) return;
        set({ wordGoal: project.wordGoal, session, error: null });
      } catch (error) {
        if (mine === seq) set({ error: errorMessage(error) });
      }
    },
    applySaved(session) {
      const current = get().session;
      if (current?.day === session.day && current.words === session.words) return;
      set({ session });
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
        if (event.projectId === projectId && event.session) useWritingStats.getState().applySaved(event.session);
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
