import { Plus } from 'lucide-react';
import type { JSX } from 'react';
import { Button } from '../../ui';
import { useNavigation } from '../project/navigation.store';
import { NewVideoDialog } from './NewVideoDialog';
import { useVideoSync } from './use-video-sync';
import { VideoEditor } from './VideoEditor';
import { VideoList } from './VideoList';
import { useVideoUi } from './video-ui.store';
import './video.css';

/** The project's video view (the centre): the open video's editor, or the list of videos. */
export function VideoView({ projectId }: { projectId: string }): JSX.Element {
  const videoId = useNavigation((s) => s.videoId);
  useVideoSync(projectId, videoId);
  return (
    <div className="video-view" data-testid="video-view">
      {videoId ? (
        <VideoEditor key={videoId} projectId={projectId} videoId={videoId} />
      ) : (
        <section className="video-home" aria-labelledby="video-home-title">
          <header className="video-home__head">
            <h1 id="video-home-title">Videos</h1>
            <Button variant="primary" icon={<Plus size={15} />} onClick={() => useVideoUi.getState().setCreating(true)} data-testid="new-video">
              New video
            </Button>
          </header>
          <VideoList projectId={projectId} />
        </section>
      )}
      <NewVideoDialog projectId={projectId} />
    </div>
  );
}

/** The sidebar in the video view: the project's videos and New video. */
export function VideosSidebar({ projectId }: { projectId: string }): JSX.Element {
  return (
    <nav className="ui-panel video-sidebar" aria-label="Videos" data-testid="videos-sidebar">
      <div className="ui-panel__bar video-sidebar__bar">
        <h2 className="video-sidebar__title">Videos</h2>
        <Button size="sm" icon={<Plus size={14} />} onClick={() => useVideoUi.getState().setCreating(true)} data-testid="sidebar-new-video">
          New
        </Button>
      </div>
      <div className="ui-panel__body">
        <VideoList projectId={projectId} compact />
      </div>
    </nav>
  );
}
