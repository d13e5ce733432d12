import { RotateCcw } from 'lucide-react';
import { useEffect, useState, type JSX } from 'react';
import type { Snapshot, SnapshotPreview } from '../../../../shared/models/snapshot';
import { useApi } from '../../app/services';
import { errorMessage } from '../../lib/api';
import { Button, Dialog, DocView, formatCount, formatDateTime, Spinner } from '../../ui';

export interface SnapshotPreviewDialogProps {
  snapshot: Snapshot;
  title: string;
  onClose: () => void;
  onRestore: () => void;
}

type PreviewState = { phase: 'loading' } | { phase: 'error'; message: string } | { phase: 'ready'; preview: SnapshotPreview };

/** The text a snapshot holds, scene by scene, read-only and with its formatting. */
export function SnapshotPreviewDialog({ snapshot, title, onClose, onRestore }: SnapshotPreviewDialogProps): JSX.Element {
  const api = useApi();
  const [state, setState] = useState<PreviewState>({ phase: 'loading' });

  useEffect(() => {
    let cancelled = false;
    api.call('snapshot.preview', { id: snapshot.id }).then(
      (preview) => !cancelled && setState({ phase: 'ready', preview }),
      (error: unknown) => !cancelled && setState({ phase: 'error', message: errorMessage(error) }),
    );
    return () => {
      cancelled = true;
    };
  }, [api, snapshot.id]);

  return (
    <Dialog
      open
      size="lg"
      onClose={onClose}
      title={title}
      description={`${formatDateTime(snapshot.createdAt)} · ${formatCount(snapshot.wordCount, 'word')}`}
      data-testid="snapshot-preview-dialog"
      footer={
        <>
          <Button onClick={onClose}>Close</Button>
          <Button variant="primary" icon={<RotateCcw size={14} />} onClick={onRestore} data-testid="snapshot-preview-restore">
            Restore this snapshot
          </Button>
        </>
      }
    >
      <div className="snapshot-preview">
        {state.phase === 'loading' && <Spinner label="Opening the snapshot…" />}
        {state.phase === 'error' && (
          <p className="snapshot-preview__error" role="alert">
            {state.message}
          </p>
        )}
        {state.phase === 'ready' && state.preview.scenes.length === 0 && <p className="snapshot-preview__empty">This snapshot holds no scenes.</p>}
        {state.phase === 'ready' &&
          state.preview.scenes.map((scene) => (
            <article key={scene.sceneId} className="snapshot-preview__scene" data-testid="snapshot-preview-scene">
              <h3 className="snapshot-preview__where">
                <span>{scene.chapterTitle}</span> › <span>{scene.title}</span>
              </h3>
              {scene.text.trim() ? (
                <DocView doc={scene.content} className="snapshot-preview__text" />
              ) : (
                <p className="snapshot-preview__empty">(empty)</p>
              )}
            </article>
          ))}
      </div>
    </Dialog>
  );
}
