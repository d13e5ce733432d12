import { useNavigation } from '../features/project/navigation.store';

const HASH = /^#\/project\/([0-9a-f-]{36})(?:\/scene\/([0-9a-f-]{36}))?$/i;

function hashFor(projectId: string | null, sceneId: string | null): string {
  if (!projectId) return '#/';
  return sceneId ? `#/project/${projectId}/scene/${sceneId}` : `#/project/${projectId}`;
}

function applyHash(hash: string): void {
  const match = HASH.exec(hash);
  const nav = useNavigation.getState();
  const projectId = match?.[1] ?? null;
  const sceneId = match?.[2] ?? null;
  if (projectId === nav.projectId && sceneId === nav.sceneId) return;
  if (!projectId) {
    if (nav.projectId) nav.closeProject();
    return;
  }
  if (projectId !== nav.projectId) nav.openProject(projectId);
  if (sceneId) useNavigation.getState().openScene(sceneId);
}

/**
 * Mirrors where the user is into the URL hash (`#/project/<id>/scene/<id>`), so a reload — or
 * the browser's Back button in browser mode — returns to the same place. Returns a disposer.
 */
export function startLocationSync(): () => void {
  applyHash(window.location.hash);
  const unsubscribe = useNavigation.subscribe((state, previous) => {
    if (state.projectId === previous.projectId && state.sceneId === previous.sceneId) return;
    const next = hashFor(state.projectId, state.sceneId);
    if (window.location.hash === next) return;
    // Opening another project is a step Back can undo; moving between scenes only replaces.
    if (state.projectId !== previous.projectId) window.history.pushState(null, '', next);
    else window.history.replaceState(null, '', next);
  });
  const onPop = () => applyHash(window.location.hash);
  window.addEventListener('popstate', onPop);
  return () => {
    unsubscribe();
    window.removeEventListener('popstate', onPop);
  };
}
