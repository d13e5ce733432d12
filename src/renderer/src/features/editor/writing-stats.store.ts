import { useEffect } from 'react';
import { create } from 'zustand';
import type { Outline } from '../../../../shared/models/manuscript';
import { useApi, useStores } from '../../app/services';
import { errorMessage, type Api } from '../../lib/api';
import { sumCounts as sum } from './writing-figures';

interface WritingStatsState {
  projectId: string | null;
  wordGoal: number;
  /** Stored word count per scene, kept current from `scene.saved` events. */
  sceneWords: Record<string, number>;
  /** The manuscript's word count when the project was opened in this window. */
  baseline: number | null;
  error: string | null;
  load(projectId: string): Promise<void>;
  applySaved(sceneId: string, wordCount: number): void;
}

function countsOf(outline: Outline): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const chapter of outline.chapters) for (const scene of chapter.scenes) counts[scene.id] = scene.wordCount;
  return counts;
}


/** Progress toward the project's goal and this session's words. */
export const createWritingStatsStore = (api: Api) => create<WritingStatsState>()((set, get) => {
  let seq = 0;
  return {
    projectId: null,
    wordGoal: 0,
    sceneWords: {},
    baseline: null,
    error: null,
    async load(projectId) {
      const mine = ++seq;
      // A different project starts a new session; reloading the same one keeps it.
      if (get().projectId !== projectId) set({ projectId, sceneWords: {}, baseline: null, wordGoal: 0, error: null });
      try {
        const [project, outline] = await Promise.all([api.call('project.get', { id: projectId }), api.call('outline.get', { projectId })]);
        if (mine !== seq) return;
        const sceneWords = countsOf(outline);
        set((state) => ({ wordGoal: project.wordGoal, sceneWords, baseline: state.baseline ?? sum(sceneWords), error: null }));
      } catch (error) {
        if (mine === seq) set({ error: errorMessage(error) });
      }
    },
    applySaved(sceneId, wordCount) {
      if (get().sceneWords[sceneId] === wordCount) return;
      set((state) => ({ sceneWords: { ...state.sceneWords, [sceneId]: wordCount } }));
    },
  };
});
export type WritingStatsStore = ReturnType<typeof createWritingStatsStore>;

/** Loads the figures and keeps them current while mounted. */
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
    const offs = [
      api.on('scene.saved', (event) => {
        if (event.projectId === projectId) useWritingStats.getState().applySaved(event.id, event.wordCount);
      }),
      api.on('outline.changed', (event) => event.projectId === projectId && reloadSoon()),
      api.on('snapshot.changed', (event) => event.projectId === projectId && reloadSoon()),
      api.on('project.changed', (event) => (event.projectId === projectId || event.projectId === null) && reloadSoon()),
    ];
    return () => {
      if (timer !== null) clearTimeout(timer);
      for (const off of offs) off();
    };
  }, [api, projectId, useWritingStats]);
}
