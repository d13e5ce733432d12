import { Clapperboard, Pencil, Plus, Trash2 } from 'lucide-react';
import { useState, type JSX } from 'react';
import { useStores } from '../../app/services';
import { VIDEO_FORMAT_LABELS, type Video } from '../../../../shared/models/media';
import { Button, ConfirmDialog, Dialog, EmptyState, formatRelativeTime, MenuButton, notify, Spinner, TextField } from '../../ui';
import { errorMessage } from '../../lib/api';
import { useNavigation } from '../project/navigation.store';
import { useVideoUi } from './video-ui.store';

/** A project's videos, newest first: each opens in the video view; rename and delete from its menu. */
export function VideoList({ projectId, compact = false }: { projectId: string; compact?: boolean }): JSX.Element {
  const { useVideos } = useStores();
  const store = useVideos();
  const openId = useNavigation((s) => s.videoId);
  const [renaming, setRenaming] = useState<Video | null>(null);
  const [deleting, setDeleting] = useState<Video | null>(null);
  const mine = store.projectId === projectId;
  const videos = mine ? store.videos : [];

  if (!mine || (store.status === 'loading' && videos.length === 0)) {
    return (
      <div className="ui-panel__center">
        <Spinner label="Loading videos…" />
      </div>
    );
  }
  if (store.status === 'error' && videos.length === 0) {
    return (
      <EmptyState size="sm" title="Videos could not be loaded" action={<Button onClick={() => void store.load(projectId)}>Try again</Button>}>
        {store.error}
      </EmptyState>
    );
  }
  if (videos.length === 0) {
    return (
      <EmptyState
        size={compact ? 'sm' : 'md'}
        icon={<Clapperboard size={compact ? 22 : 30} />}
        title="No videos yet"
        action={
          <Button variant="primary" icon={<Plus size={15} />} onClick={() => useVideoUi.getState().setCreating(true)} data-testid="video-empty-new">
            New video
          </Button>
        }
        data-testid="videos-empty"
      >
        Turn a chapter or an idea into a narrated video: the crew writes the script, you pick a voice, images and music, and the studio renders it here.
      </EmptyState>
    );
  }
  return (
    <>
      <ul className="video-list" aria-label="Videos" data-testid="video-list">
        {videos.map((video) => (
          <li key={video.id} className={`video-list__item${video.id === openId ? ' is-open' : ''}`}>
            <button type="button" className="video-list__row" aria-current={video.id === openId ? 'true' : undefined} onClick={() => useNavigation.getState().openVideos(video.id)} data-testid="video-row">
              <span className="video-list__title">{video.title}</span>
              <span className="video-list__meta">
                {VIDEO_FORMAT_LABELS[video.format]} · {video.script.scenes.length === 1 ? '1 scene' : `${video.script.scenes.length} scenes`}
                {video.draft?.status === 'running' && ' · writing…'}
                {video.draft?.status === 'ready' && ' · draft ready'} · {formatRelativeTime(video.updatedAt)}
              </span>
            </button>
            <MenuButton
              label={`Actions for ${video.title}`}
              items={[
                { id: 'rename', label: 'Rename…', icon: <Pencil size={14} />, onSelect: () => setRenaming(video), 'data-testid': 'video-rename' },
                { id: 'delete', label: 'Delete…', icon: <Trash2 size={14} />, danger: true, onSelect: () => setDeleting(video), 'data-testid': 'video-delete' },
              ]}
              data-testid="video-menu"
            />
          </li>
        ))}
      </ul>
      {renaming && <RenameDialog video={renaming} onClose={() => setRenaming(null)} />}
      <ConfirmDialog
        open={deleting !== null}
        title="Delete this video?"
        message={<p>“{deleting?.title}” and all its renders and their files are deleted. Your chapters and imported images and music stay. This cannot be undone.</p>}
        confirmLabel="Delete video"
        danger
        onCancel={() => setDeleting(null)}
        onConfirm={() => {
          const video = deleting;
          setDeleting(null);
          if (!video) return;
          if (useNavigation.getState().videoId === video.id) useNavigation.getState().openVideos(null);
          store.remove(video.id).then(
            () => notify.success(`Deleted “${video.title}”.`),
            (error: unknown) => notify.error(error, { title: 'Could not delete the video' }),
          );
        }}
        data-testid="video-delete-confirm"
      />
    </>
  );
}

function RenameDialog({ video, onClose }: { video: Video; onClose: () => void }): JSX.Element {
  const { useVideos, useVideoEditor } = useStores();
  const [title, setTitle] = useState(video.title);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    const trimmed = title.trim();
    if (!trimmed) return setError('A video needs a title.');
    const editor = useVideoEditor.getState();
    // The open video is renamed through its editor, which holds its newest revision.
    if (editor.videoId === video.id && editor.local) {
      editor.edit({ title: trimmed });
      return onClose();
    }
    setBusy(true);
    try {
      await useVideos.getState().rename(video, trimmed);
      onClose();
    } catch (failure) {
      setBusy(false);
      setError(errorMessage(failure));
    }
  };
  return (
    <Dialog
      open
      size="sm"
      title="Rename video"
      onClose={onClose}
      onSubmit={() => void submit()}
      closeOnBackdrop={false}
      footer={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" busy={busy} data-testid="video-rename-save">
            Rename
          </Button>
        </>
      }
    >
      <TextField label="Title" value={title} maxLength={200} onChange={(e) => setTitle(e.target.value)} error={error} data-testid="video-rename-input" />
    </Dialog>
  );
}
