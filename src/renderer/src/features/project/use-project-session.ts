import { useEffect, useRef } from 'react';
import { useApi, useStores } from '../../app/services';
import { useOutlineSync } from '../outline';
import { findScene } from '../outline/outline-model';
import { useNavigation } from './navigation.store';

const LAST_SCENE_KEY = 'nova.lastScene.';

function readLastScene(projectId: string): string | null {
  try {
    return localStorage.getItem(LAST_SCENE_KEY + projectId);
  } catch {
    return null;
  }
}

function writeLastScene(projectId: string, sceneId: string): void {
  try {
    localStorage.setItem(LAST_SCENE_KEY + projectId, sceneId);
  } catch {
    // Not remembering the last scene is harmless.
  }
}

/**
 * Loads the open project and keeps it current; once its outline is in, reopens the scene the
 * writer was last in (or the first scene), like a desktop app reopening its last document.
 */
export function useProjectSession(projectId: string): void {
  const api = useApi();
  const { useProject, useOutline } = useStores();
  const outline = useOutline((s) => (s.projectId === projectId ? s.outline : null));
  const sceneId = useNavigation((s) => s.sceneId);
  const resumed = useRef<string | null>(null);
  useOutlineSync(projectId);

  useEffect(() => {
    void useProject.getState().load(projectId);
    const off = api.on('project.changed', (event) => {
      if (event.projectId === null || event.projectId === projectId) void useProject.getState().load(projectId);
    });
    return () => {
      off();
      useProject.getState().reset();
      useOutline.getState().reset();
    };
  }, [api, projectId, useOutline, useProject]);

  useEffect(() => {
    if (!outline || resumed.current === projectId) return;
    resumed.current = projectId;
    const nav = useNavigation.getState();
    if (nav.sceneId && findScene(outline, nav.sceneId)) return;
    const last = readLastScene(projectId);
    const target = last && findScene(outline, last) ? last : (outline.chapters.find((c) => c.scenes.length > 0)?.scenes[0]?.id ?? null);
    // Reopened on a video (a reload of #/…/video/<id>): the scene is ready behind it, the video stays in view.
    if (target && nav.mode === 'video') useNavigation.setState({ sceneId: target, pendingFind: null });
    else if (target) nav.openScene(target);
    else if (nav.sceneId) useNavigation.setState({ sceneId: null, pendingFind: null });
  }, [outline, projectId]);

  useEffect(() => {
    if (sceneId) writeLastScene(projectId, sceneId);
  }, [projectId, sceneId]);
}
