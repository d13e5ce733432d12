// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { useNavigation } from '../features/project/navigation.store';
import { startLocationSync } from './location-sync';

const PROJECT = '00000000-0000-4000-8000-0000000000a1';
const VIDEO = '00000000-0000-4000-8000-0000000000b1';
const SCENE = '00000000-0000-4000-8000-0000000000c1';

let stop: (() => void) | null = null;
afterEach(() => {
  stop?.();
  stop = null;
  useNavigation.setState({ projectId: null, mode: 'manuscript', videoId: null, sceneId: null, pendingFind: null });
  window.history.replaceState(null, '', '#/');
});

describe('the location sync', () => {
  it('opens a video (or the videos) from the hash, and the manuscript from a scene’s', () => {
    window.history.replaceState(null, '', `#/project/${PROJECT}/video/${VIDEO}`);
    stop = startLocationSync();
    expect(useNavigation.getState()).toMatchObject({ projectId: PROJECT, mode: 'video', videoId: VIDEO });
    stop();

    window.history.replaceState(null, '', `#/project/${PROJECT}/videos`);
    useNavigation.setState({ projectId: null, mode: 'manuscript', videoId: null });
    stop = startLocationSync();
    expect(useNavigation.getState()).toMatchObject({ projectId: PROJECT, mode: 'video', videoId: null });
    stop();

    window.history.replaceState(null, '', `#/project/${PROJECT}/scene/${SCENE}`);
    stop = startLocationSync();
    expect(useNavigation.getState()).toMatchObject({ projectId: PROJECT, mode: 'manuscript', sceneId: SCENE });
  });

  it('writes the place into the hash as the writer moves between the manuscript and the videos', () => {
    stop = startLocationSync();
    useNavigation.getState().openProject(PROJECT);
    useNavigation.getState().openScene(SCENE);
    expect(window.location.hash).toBe(`#/project/${PROJECT}/scene/${SCENE}`);
    useNavigation.getState().openVideos();
    expect(window.location.hash).toBe(`#/project/${PROJECT}/videos`);
    useNavigation.getState().openVideos(VIDEO);
    expect(window.location.hash).toBe(`#/project/${PROJECT}/video/${VIDEO}`);
    useNavigation.getState().openManuscript();
    expect(window.location.hash).toBe(`#/project/${PROJECT}/scene/${SCENE}`);
    // The video stays chosen behind the manuscript, so switching back returns to it.
    useNavigation.getState().openVideos();
    expect(window.location.hash).toBe(`#/project/${PROJECT}/video/${VIDEO}`);
  });
});
