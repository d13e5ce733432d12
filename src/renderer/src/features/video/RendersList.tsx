import { FolderOutput, Play, Trash2 } from 'lucide-react';
import { useState, type JSX } from 'react';
import { VIDEO_FORMAT_LABELS, type Render, type RenderStatus } from '../../../../shared/models/media';
import { useStores } from '../../app/services';
import { Button, ConfirmDialog, formatDateTime, IconButton, notify } from '../../ui';
import { loudnessText } from './render-format';
import { formatBytes, formatDuration } from './script-figures';

const STATUS_LABEL: Record<RenderStatus, string> = { queued: 'Waiting', running: 'Rendering', done: 'Done', failed: 'Failed', cancelled: 'Cancelled' };

/** A video's renders, newest first, each with its files to download, its figures, Export and Delete. */
export function RendersList({ renders, previewId, onPreview }: { renders: readonly Render[]; previewId: string | null; onPreview(id: string): void }): JSX.Element | null {
  const { useRenders } = useStores();
  const lastExport = useRenders((s) => s.lastExport);
  const [deleting, setDeleting] = useState<Render | null>(null);
  const [exporting, setExporting] = useState<string | null>(null);
  if (renders.length === 0) return null;

  const exportFiles = async (render: Render) => {
    setExporting(render.id);
    try {
      const result = await useRenders.getState().exportFiles(render.id);
      notify.success(`Exported ${result.files.length === 1 ? '1 file' : `${result.files.length} files`} to ${result.folder}.`);
    } catch (error) {
      notify.error(error, { title: 'Could not export the render' });
    } finally {
      setExporting(null);
    }
  };

  return (
    <div className="renders">
      <h3 className="renders__title">Renders</h3>
      <ul className="renders__list" aria-label="Renders" data-testid="renders-list">
        {renders.map((render) => (
          <li key={render.id} className={`renders__item${render.id === previewId ? ' is-previewed' : ''}`} data-testid="render-row" data-status={render.status}>
            <div className="renders__line">
              <span className="renders__when" title={formatDateTime(render.createdAt)}>
                {formatDateTime(render.finishedAt ?? render.createdAt)}
              </span>
              <span className={`ui-badge renders__status is-${render.status}`}>{STATUS_LABEL[render.status]}</span>
            </div>
            <div className="renders__meta">
              {VIDEO_FORMAT_LABELS[render.format]}
              {render.durationSec !== null && ` · ${formatDuration(render.durationSec)}`}
              {loudnessText(render) && ` · ${loudnessText(render)}`}
            </div>
            {render.status === 'failed' && render.error && <div className="video-error">{render.error.message}</div>}
            {render.files && (
              <div className="renders__files">
                <a download href={render.files.video.url} data-testid="render-file-video">
                  Video ({formatBytes(render.files.video.bytes)})
                </a>
                {render.files.vtt && (
                  <a download href={render.files.vtt.url} data-testid="render-file-vtt">
                    Captions (VTT)
                  </a>
                )}
                {render.files.srt && (
                  <a download href={render.files.srt.url} data-testid="render-file-srt">
                    Captions (SRT)
                  </a>
                )}
                {render.files.thumbnail && (
                  <a download href={render.files.thumbnail.url} data-testid="render-file-thumbnail">
                    Thumbnail
                  </a>
                )}
              </div>
            )}
            {lastExport?.renderId === render.id && (
              <div className="video-note" role="status" data-testid="render-exported">
                Exported to <code>{lastExport.folder}</code>
              </div>
            )}
            <div className="renders__actions">
              {render.status === 'done' && render.files && (
                <>
                  <Button size="sm" variant="ghost" icon={<Play size={13} />} disabled={render.id === previewId} onClick={() => onPreview(render.id)}>
                    {render.id === previewId ? 'In the player' : 'Watch'}
                  </Button>
                  <Button size="sm" variant="ghost" icon={<FolderOutput size={13} />} busy={exporting === render.id} onClick={() => void exportFiles(render)} data-testid="render-export">
                    Export to folder
                  </Button>
                </>
              )}
              {render.status !== 'queued' && render.status !== 'running' && <IconButton size="sm" label="Delete this render" icon={<Trash2 size={14} />} onClick={() => setDeleting(render)} data-testid="render-delete" />}
            </div>
          </li>
        ))}
      </ul>
      <ConfirmDialog
        open={deleting !== null}
        title="Delete this render?"
        message={<p>Its video, captions and thumbnail files are deleted. The video’s script, voice, pictures and music stay, so you can render it again.</p>}
        confirmLabel="Delete render"
        danger
        onCancel={() => setDeleting(null)}
        onConfirm={() => {
          const render = deleting;
          setDeleting(null);
          if (render) useRenders.getState().remove(render.id).catch((error: unknown) => notify.error(error, { title: 'Could not delete the render' }));
        }}
      />
    </div>
  );
}
