import { ExternalLink, RotateCcw } from 'lucide-react';
import { useState, type JSX } from 'react';
import type { Video } from '../../../../shared/models/media';
import { useStores } from '../../app/services';
import { Button, notify, Spinner } from '../../ui';
import { useRunView } from '../runs';
import { formatEstimate, scriptFigures } from './script-figures';

/** The crew's script for a video: being written (with its run), ready to use or discard, or failed with Try again. */
export function DraftBanner({ video }: { video: Video }): JSX.Element | null {
  const { useVideoEditor } = useStores();
  const [busy, setBusy] = useState<'use' | 'discard' | 'retry' | null>(null);
  const draft = video.draft;
  if (!draft) return null;

  const act = async (what: 'use' | 'discard' | 'retry') => {
    setBusy(what);
    const editor = useVideoEditor.getState();
    try {
      if (what === 'use') {
        const previous = await editor.useDraft();
        notify.success('The crew’s script is in the editor.', {
          key: `video-draft-${video.id}`,
          action: previous.scenes.length > 0 ? { label: 'Undo', run: () => useVideoEditor.getState().edit({ script: previous }), 'data-testid': 'draft-undo' } : undefined,
        });
      } else if (what === 'discard') await editor.discardDraft();
      else await editor.regenerate();
    } catch (error) {
      notify.error(error, { title: what === 'use' ? 'Could not use the draft' : what === 'discard' ? 'Could not discard the draft' : 'Could not start the crew' });
    } finally {
      setBusy(null);
    }
  };

  if (draft.status === 'running') {
    return (
      <div className="video-banner" role="status" data-testid="draft-banner" data-state="running">
        <Spinner size={14} />
        <p>The crew is writing the script. You can keep editing: the draft waits here for you when it is ready.</p>
        <Button size="sm" variant="ghost" icon={<ExternalLink size={13} />} onClick={() => useRunView.getState().open(draft.runId)} data-testid="draft-open-run">
          Follow the run
        </Button>
      </div>
    );
  }
  if (draft.status === 'failed') {
    return (
      <div className="video-banner is-error" role="status" data-testid="draft-banner" data-state="failed">
        <p>{draft.error ?? 'The crew could not write the script.'}</p>
        <Button size="sm" icon={<RotateCcw size={13} />} busy={busy === 'retry'} onClick={() => void act('retry')} data-testid="draft-retry">
          Try again
        </Button>
        <Button size="sm" variant="ghost" busy={busy === 'discard'} onClick={() => void act('discard')}>
          Dismiss
        </Button>
      </div>
    );
  }
  const figures = draft.script ? scriptFigures(draft.script, video.voice.speed) : null;
  return (
    <div className="video-banner is-ready" role="status" data-testid="draft-banner" data-state="ready">
      <p>
        <strong>The crew’s script is ready</strong>
        {figures && (
          <span data-testid="draft-summary">
            {' '}
            — {figures.scenes === 1 ? '1 scene' : `${figures.scenes} scenes`}, {figures.words === 1 ? '1 word' : `${figures.words} words`}, {formatEstimate(figures.seconds)}.
          </span>
        )}
        {video.script.scenes.length > 0 && ' Using it replaces the script below (Undo brings it back).'}
      </p>
      <Button size="sm" variant="primary" busy={busy === 'use'} onClick={() => void act('use')} data-testid="draft-use">
        Use this script
      </Button>
      <Button size="sm" variant="ghost" busy={busy === 'discard'} onClick={() => void act('discard')} data-testid="draft-discard">
        Discard
      </Button>
    </div>
  );
}
