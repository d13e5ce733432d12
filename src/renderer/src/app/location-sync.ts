import { useNavigation, type ProjectMode } from '../features/project/navigation.store';

const ID = '[0-9a-f-]{36}';
const HASH = new RegExp(`^#/project/(${ID})(?:/scene/(${ID})|/(videos)|/video/(${ID}))?$`, 'i');

interface Place {
  projectId: string | null;
  sceneId: string | null;
  mode: ProjectMode;
  videoId: string | null;
}

function hashFor(place: Place): string {
  if (!place.projectId) return '#/';
  if (place.mode === 'video') return place.videoId ? `#/project/${place.projectId}/video/${place.videoId}` : `#/project/${place.projectId}/videos`;
  return place.sceneId ? `#/project/${place.projectId}/scene/${place.sceneId}` : `#/project/${place.projectId}`;
}

function applyHash(hash: string): void {
  const match = HASH.exec(hash);
  const nav = useNavigation.getState();
  const projectId = match?.[1] ?? null;
  const sceneId = match?.[2] ?? null;
  const videoId = match?.[4] ?? null;
  const mode: ProjectMode = match?.[3] || videoId ? 'video' : 'manuscript';
  if (hashFor({ projectId, sceneId, mode, videoId }) === hashFor(nav)) return;
  if (!projectId) {
    if (nav.projectId) nav.closeProject();
    return;
  }
  if (projectId !== nav.projectId) nav.openProject(projectId);
  if (mode === 'video') useNavigation.getState().openVideos(videoId);
  else if (sceneId) useNavigation.getState().openScene(sceneId);
  else useNavigation.getState().openManuscript();
}

/**
 * Mirrors where the user is into the URL hash (`#/project/<id>/scene/<id>`, `…/videos`,
 * `…/video/<id>`), so a reload — or the browser's Back button in browser mode — returns to the
 * same place. Returns a disposer.
 */
export function startLocationSync(): () => void {
  applyHash(window.location.hash);
  const unsubscribe = useNavigation.subscribe((state, previous) => {
    const next = hashFor(state);
    if (next === hashFor(previous) || window.location.hash === next) return;
    // Opening another project or switching between the manuscript and the videos is a step Back can undo; moving between scenes only replaces.
    if (state.projectId !== previous.projectId || state.mode !== previous.mode) window.history.pushState(null, '', next);
    else window.history.replaceState(null, '', next);
  });
  const onPop = () => applyHash(window.location.hash);
  window.addEventListener('popstate', onPop);
  return () => {
    unsubscribe();
    window.removeEventListener('popstate', onPop);
  };
}
