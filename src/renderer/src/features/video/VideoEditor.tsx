import { ArrowLeft } from 'lucide-react';
import { useCallback, type JSX } from 'react';
import type { VideoScript } from '../../../../shared/models/media';
import { useStores } from '../../app/services';
import { Button, EmptyState, IconButton, notify, Spinner } from '../../ui';
import { SaveStatus } from '../editor/SaveStatus';
import { useNavigation } from '../project/navigation.store';
import { DraftBanner } from './DraftBanner';
import { RenderPanel } from './RenderPanel';
import { ScriptEditor } from './ScriptEditor';
import { formatEstimate, scriptFigures } from './script-figures';
import { MusicPicker, OutputSettings } from './SoundAndFormat';
import { VoicePicker } from './VoicePicker';

/** The script's first sentence (at most 200 characters), for the voice's Preview; undefined for an empty script. */
export function openingSentence(script: VideoScript): string | undefined {
  const text = script.scenes.find((s) => s.narration.trim())?.narration.trim();
  if (!text) return undefined;
  const sentence = /^.*?[.!?…](?=\s|$)/s.exec(text)?.[0] ?? text;
  return sentence.length > 200 ? `${sentence.slice(0, 199).trimEnd()}…` : sentence;
}

/** One video: title and save state, the crew's draft, the script, voice, music, format, and render with preview. */
export function VideoEditor({ projectId, videoId }: { projectId: string; videoId: string }): JSX.Element {
  const { useVideoEditor } = useStores();
  const editor = useVideoEditor();
  const { edit } = editor;
  const editScript = useCallback(
    (change: (script: VideoScript) => VideoScript) => {
      const local = useVideoEditor.getState().local;
      if (local) useVideoEditor.getState().edit({ script: change(local.script) });
    },
    [useVideoEditor],
  );
  const beforeRender = useCallback(async () => {
    await useVideoEditor.getState().flush();
    const state = useVideoEditor.getState();
    return state.conflict === null && state.save !== 'error';
  }, [useVideoEditor]);

  const back = <IconButton label="All videos" icon={<ArrowLeft size={16} />} onClick={() => useNavigation.getState().openVideos(null)} data-testid="video-back" />;
  if (editor.videoId !== videoId || editor.status === 'loading' || editor.status === 'idle') {
    return (
      <div className="ui-panel__center">
        <Spinner label="Opening the video…" />
      </div>
    );
  }
  if (editor.status !== 'ready' || !editor.server || !editor.local) {
    return (
      <EmptyState
        title={editor.status === 'missing' ? 'This video is gone' : 'The video could not be opened'}
        action={editor.status === 'missing' ? <Button onClick={() => useNavigation.getState().openVideos(null)}>All videos</Button> : <Button onClick={() => void editor.open(videoId)}>Try again</Button>}
        data-testid="video-missing"
      >
        {editor.status === 'missing' ? 'It was deleted, perhaps in another window.' : editor.error}
      </EmptyState>
    );
  }
  const { local, server } = editor;
  const canAskCrew = server.source.kind !== 'blank' && server.draft?.status !== 'running';
  const askCrew = () => void editor.regenerate().catch((error: unknown) => notify.error(error, { title: 'Could not start the crew' }));
  const totals = scriptFigures(local.script, local.voice.speed);

  return (
    <article className="video-editor" aria-label={`Video: ${local.title}`} data-testid="video-editor">
      <header className="video-editor__head">
        {back}
        <input className="video-editor__title" aria-label="Video title" value={local.title} maxLength={200} onChange={(e) => edit({ title: e.target.value })} onBlur={(e) => !e.target.value.trim() && edit({ title: server.title || 'Untitled video' })} data-testid="video-title" />
        <span className="video-editor__figures">
          {totals.scenes === 1 ? '1 scene' : `${totals.scenes} scenes`} · {formatEstimate(totals.seconds)}
        </span>
        <SaveStatus status={editor.save} error={editor.saveError} onRetry={editor.retrySave} />
      </header>
      {editor.conflict && (
        <div className="video-banner is-warning" role="alert" data-testid="video-conflict">
          <p>
            <strong>This video was changed elsewhere while you were editing.</strong> The newest version is shown; your changes ({Object.keys(editor.conflict.mine).join(', ')}) are kept and not saved yet.
          </p>
          <Button size="sm" variant="primary" onClick={() => void editor.reapply()} data-testid="conflict-reapply">
            Re-apply my changes
          </Button>
          <Button size="sm" variant="ghost" onClick={() => void editor.dropMine()} data-testid="conflict-drop">
            Keep the newest version
          </Button>
        </div>
      )}
      <DraftBanner video={server} />
      <div className="video-editor__grid">
        <ScriptEditor projectId={projectId} script={local.script} speed={local.voice.speed} onChange={editScript} onAskCrew={canAskCrew ? askCrew : undefined} />
        <div className="video-editor__side">
          <RenderPanel videoId={videoId} captions={local.captions} empty={local.script.scenes.length === 0} beforeRender={beforeRender} />
          <VoicePicker voice={local.voice} sample={openingSentence(local.script)} onChange={(voice) => edit({ voice })} />
          <MusicPicker projectId={projectId} music={local.music} onChange={(music) => edit({ music })} />
          <OutputSettings edits={local} onChange={edit} />
        </div>
      </div>
    </article>
  );
}
