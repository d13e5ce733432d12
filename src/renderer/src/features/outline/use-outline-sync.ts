import { useEffect } from 'react';
import { useApi, useStores } from '../../app/services';

/** Loads a project's outline and keeps it current with the core's events. */
export function useOutlineSync(projectId: string): void {
  const api = useApi();
  const { useOutline } = useStores();
  useEffect(() => {
    const store = useOutline.getState();
    void store.load(projectId);
    void store.loadTrash();
    const offOutline = api.on('outline.changed', (event) => {
      if (event.projectId !== projectId) return;
      void useOutline.getState().refresh();
      if (useOutline.getState().trashStatus !== 'idle') void useOutline.getState().loadTrash();
    });
    const offSaved = api.on('scene.saved', (event) => {
      if (event.projectId === projectId) useOutline.getState().applySaved(event.id, event.wordCount);
    });
    const offCodex = api.on('codex.changed', (event) => {
      if (event.projectId === projectId && useOutline.getState().trashStatus !== 'idle') void useOutline.getState().loadTrash();
    });
    return () => {
      offOutline();
      offSaved();
      offCodex();
    };
  }, [api, projectId, useOutline]);
}
