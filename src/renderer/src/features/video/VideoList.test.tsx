// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MethodInput } from '../../../../shared/ipc/contract';
import type { Video } from '../../../../shared/models/media';
import { createFakeApi } from '../../testing/fake-api';
import { renderWithServices } from '../../testing/render-with-services';
import { TEST_VOICES, testVideo, VIDEO_ID, VIDEO_PROJECT } from '../../testing/video-fixture';
import { useNavigation } from '../project/navigation.store';
import { useVideoUi } from './video-ui.store';
import { VideosSidebar, VideoView } from './VideoView';

const CHAPTER = '00000000-0000-4000-8000-00000000c4a1';
const NEW_ID = '00000000-0000-4000-8000-00000000c4b1';

function listApi(videos: Video[] = []) {
  let stored = videos;
  const api = createFakeApi({
    'media.videos.list': () => stored,
    'media.assets.list': [],
    'media.voices.list': { voices: TEST_VOICES, catalogue: { source: 'network' } },
    'media.renders.list': [],
    'outline.get': { projectId: VIDEO_PROJECT, wordCount: 12, chapters: [{ id: CHAPTER, projectId: VIDEO_PROJECT, title: 'The Storm', synopsis: '', position: 0, createdAt: 1, updatedAt: 1, scenes: [] }] },
  });
  api.answer('media.videos.create', (input: MethodInput<'media.videos.create'>) => {
    const video = testVideo({ id: NEW_ID, title: input.title, source: input.source, format: input.format ?? 'youtube-1080p', script: { scenes: [] } });
    stored = [video, ...stored];
    return video;
  });
  api.answer('media.videos.get', ({ id }) => stored.find((v) => v.id === id) ?? testVideo());
  api.answer('media.videos.delete', ({ id }) => {
    stored = stored.filter((v) => v.id !== id);
    return { ok: true };
  });
  return api;
}

function open(api: ReturnType<typeof listApi>) {
  useNavigation.setState({ projectId: VIDEO_PROJECT, mode: 'video', videoId: null, sceneId: null });
  const result = renderWithServices(
    <>
      <VideosSidebar projectId={VIDEO_PROJECT} />
      <VideoView projectId={VIDEO_PROJECT} />
    </>,
    api,
  );
  void result.services.stores.useOutline.getState().load(VIDEO_PROJECT);
  return result;
}

beforeEach(() => useVideoUi.setState({ creating: false }));
afterEach(cleanup);

describe('the videos list and New video', () => {
  it('says what to do when there is no video, and creates one from a chapter with the crew, in 9:16, then opens it', async () => {
    const api = listApi();
    open(api);
    expect((await screen.findAllByTestId('videos-empty')).length).toBeGreaterThan(0);
    fireEvent.click(screen.getByTestId('new-video'));
    const dialog = await screen.findByTestId('new-video-dialog');
    await waitFor(() => expect((within(dialog).getByTestId('new-video-chapter') as HTMLSelectElement).value).toBe(CHAPTER));
    expect((within(dialog).getByTestId('new-video-crew') as HTMLInputElement).checked).toBe(true);
    fireEvent.change(within(dialog).getByTestId('new-video-format'), { target: { value: 'shorts-1080x1920' } });
    fireEvent.click(within(dialog).getByTestId('new-video-create'));

    await waitFor(() => expect(api.inputsOf('media.videos.create')).toHaveLength(1));
    expect(api.inputsOf('media.videos.create')[0]).toEqual({ projectId: VIDEO_PROJECT, title: 'The Storm', source: { kind: 'chapter', chapterId: CHAPTER }, format: 'shorts-1080x1920', generateScript: true });
    await waitFor(() => expect(useNavigation.getState().videoId).toBe(NEW_ID));
    expect(screen.queryByTestId('new-video-dialog')).toBeNull();
  });

  it('uses the chapter’s text as it is without the crew, and refuses an empty idea with a sentence', async () => {
    const api = listApi();
    open(api);
    act(() => useVideoUi.getState().setCreating(true));
    const dialog = await screen.findByTestId('new-video-dialog');
    fireEvent.click(within(dialog).getByTestId('new-video-source-idea'));
    fireEvent.click(within(dialog).getByTestId('new-video-create'));
    expect(within(dialog).getByRole('alert').textContent).toBe('Write the idea in a sentence or two.');
    expect(api.inputsOf('media.videos.create')).toHaveLength(0);

    fireEvent.click(within(dialog).getByTestId('new-video-source-chapter'));
    await waitFor(() => expect((within(dialog).getByTestId('new-video-chapter') as HTMLSelectElement).value).toBe(CHAPTER));
    fireEvent.click(within(dialog).getByTestId('new-video-as-is'));
    fireEvent.change(within(dialog).getByTestId('new-video-title'), { target: { value: 'Storm, read aloud' } });
    fireEvent.click(within(dialog).getByTestId('new-video-create'));
    await waitFor(() => expect(api.inputsOf('media.videos.create')[0]).toMatchObject({ title: 'Storm, read aloud', generateScript: false }));
  });

  it('deletes a video only after confirming, and leaves its view', async () => {
    const api = listApi([testVideo()]);
    open(api);
    act(() => useNavigation.getState().openVideos(VIDEO_ID));
    const sidebar = await screen.findByTestId('videos-sidebar');
    await waitFor(() => expect(within(sidebar).getAllByTestId('video-row')).toHaveLength(1));
    fireEvent.click(within(sidebar).getByTestId('video-menu'));
    fireEvent.click(await screen.findByTestId('video-delete'));
    const confirm = await screen.findByTestId('video-delete-confirm');
    expect(confirm.textContent).toContain('The Lighthouse');
    fireEvent.click(within(confirm).getByTestId('confirm-cancel'));
    expect(api.inputsOf('media.videos.delete')).toHaveLength(0);

    fireEvent.click(within(sidebar).getByTestId('video-menu'));
    fireEvent.click(await screen.findByTestId('video-delete'));
    fireEvent.click(within(await screen.findByTestId('video-delete-confirm')).getByTestId('confirm-accept'));
    await waitFor(() => expect(api.inputsOf('media.videos.delete')).toEqual([{ id: VIDEO_ID }]));
    expect(useNavigation.getState().videoId).toBeNull();
    await waitFor(() => expect(within(sidebar).queryAllByTestId('video-row')).toHaveLength(0));
  });
});
