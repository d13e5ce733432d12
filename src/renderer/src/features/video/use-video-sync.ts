import { useEffect } from 'react';
import { useApi, useStores } from '../../app/services';
import { onReconnected } from '../../lib/on-reconnected';

/**
 * Keeps the video view current while it is shown: the project's videos and assets
 * (`media.changed`), the open video (its draft, changes made elsewhere), its renders
 * (`render.changed`) and voice downloads (`media.voice.changed`); everything is read again
 * after a reconnect, since events were missed meanwhile.
 */
export function useVideoSync(projectId: string, videoId: string | null): void {
  const api = useApi();
  const { useVideos, useVideoEditor, useRenders, useVoices, useMediaAssets } = useStores();

  useEffect(() => {
    const reread = () => {
      void useVideos.getState().load(projectId);
      void useMediaAssets.getState().load(projectId);
      void useVoices.getState().load();
    };
    reread();
    const offMedia = api.on('media.changed', (event) => {
      if (event.projectId !== projectId) return;
      useVideos.getState().mediaChanged(event);
      useMediaAssets.getState().mediaChanged(event);
      const open = useVideoEditor.getState().videoId;
      if (open && (event.videoId === null || event.videoId === open)) void useVideoEditor.getState().refresh();
    });
    const offRender = api.on('render.changed', (render) => useRenders.getState().renderChanged(render));
    const offVoice = api.on('media.voice.changed', (install) => useVoices.getState().voiceChanged(install));
    const offStatus = onReconnected(api, () => {
      reread();
      void useVideoEditor.getState().refresh();
      const listed = useRenders.getState().videoId;
      if (listed) void useRenders.getState().load(listed);
    });
    return () => {
      offMedia();
      offRender();
      offVoice();
      offStatus();
    };
  }, [api, projectId, useMediaAssets, useRenders, useVideoEditor, useVideos, useVoices]);

  useEffect(() => {
    if (!videoId) {
      void useVideoEditor.getState().close();
      return;
    }
    void useVideoEditor.getState().open(videoId);
    void useRenders.getState().load(videoId);
  }, [useRenders, useVideoEditor, videoId]);

  // Leaving the view (or the project) stores what is waiting.
  useEffect(() => () => void useVideoEditor.getState().close(), [useVideoEditor]);

  // Hiding or closing the window saves what is waiting; closing it while something is not stored asks first.
  useEffect(() => {
    const flush = () => void useVideoEditor.getState().flush();
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') flush();
    };
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (!useVideoEditor.getState().hasUnsaved()) return;
      flush();
      event.preventDefault();
      event.returnValue = '';
    };
    document.addEventListener('visibilitychange', onVisibility);
    window.addEventListener('pagehide', flush);
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => {
      document.removeEventListener('visibilitychange', onVisibility);
      window.removeEventListener('pagehide', flush);
      window.removeEventListener('beforeunload', onBeforeUnload);
    };
  }, [useVideoEditor]);
}
