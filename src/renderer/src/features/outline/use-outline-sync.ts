import { useEffect } from 'react';
import { api } from '../../lib/api';
import { useOutline } from './outline.store';

/** Loads a project's outline and keeps it current with the core's events. */
export function useOutlineSync(projectId: string): void {
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
  }, [projectId]);
}
