import { useEffect, useMemo, useState, type JSX } from 'react';
import { useStores } from '../../app/services';
import { VIDEO_FORMAT_LABELS, VIDEO_FORMATS, type VideoFormat, type VideoSource } from '../../../../shared/models/media';
import { errorMessage } from '../../lib/api';
import { Button, Dialog, Select, TextArea, TextField } from '../../ui';
import { useNavigation } from '../project/navigation.store';
import { useVideoUi } from './video-ui.store';

type SourceKind = VideoSource['kind'];
type ScriptWay = 'crew' | 'as-is';

const FORMAT_OPTIONS = VIDEO_FORMATS.map((value) => ({ value, label: VIDEO_FORMAT_LABELS[value] }));

/** New video: from a chapter (the crew writes the script, or the chapter's text as it is), from an idea, or blank. */
export function NewVideoDialog({ projectId }: { projectId: string }): JSX.Element | null {
  const open = useVideoUi((s) => s.creating);
  if (!open) return null;
  return <NewVideoForm projectId={projectId} onClose={() => useVideoUi.getState().setCreating(false)} />;
}

function NewVideoForm({ projectId, onClose }: { projectId: string; onClose: () => void }): JSX.Element {
  const { useOutline, useVideos } = useStores();
  const outline = useOutline((s) => (s.projectId === projectId ? s.outline : null));
  const chapters = useMemo(() => outline?.chapters ?? [], [outline]);
  const [kind, setKind] = useState<SourceKind>('chapter');
  const [chapterId, setChapterId] = useState('');
  const [way, setWay] = useState<ScriptWay>('crew');
  const [idea, setIdea] = useState('');
  const [title, setTitle] = useState('');
  const [format, setFormat] = useState<VideoFormat>('youtube-1080p');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!chapterId && chapters[0]) setChapterId(chapters[0].id);
  }, [chapterId, chapters]);
  useEffect(() => {
    if (chapters.length === 0 && kind === 'chapter') setKind('idea');
  }, [chapters.length, kind]);

  const chapter = chapters.find((c) => c.id === chapterId);
  const placeholder = kind === 'chapter' ? (chapter?.title ?? 'Untitled video') : kind === 'idea' ? idea.trim().split(/\s+/).slice(0, 8).join(' ') || 'Untitled video' : 'Untitled video';

  const submit = async () => {
    setError(null);
    if (kind === 'chapter' && !chapter) return setError('Pick a chapter.');
    if (kind === 'idea' && !idea.trim()) return setError('Write the idea in a sentence or two.');
    const source: VideoSource = kind === 'chapter' ? { kind, chapterId } : kind === 'idea' ? { kind, idea: idea.trim() } : { kind: 'blank' };
    setBusy(true);
    try {
      const video = await useVideos.getState().create({
        projectId,
        title: (title.trim() || placeholder).slice(0, 200),
        source,
        format,
        generateScript: kind === 'idea' || (kind === 'chapter' && way === 'crew'),
      });
      onClose();
      useNavigation.getState().openVideos(video.id);
    } catch (failure) {
      setBusy(false);
      setError(errorMessage(failure));
    }
  };

  const radio = (value: SourceKind, label: string, disabled = false) => (
    <label className={`video-choice${kind === value ? ' is-active' : ''}${disabled ? ' is-disabled' : ''}`}>
      <input type="radio" name="video-source" value={value} checked={kind === value} disabled={disabled} onChange={() => setKind(value)} data-testid={`new-video-source-${value}`} />
      {label}
    </label>
  );

  return (
    <Dialog
      open
      title="New video"
      description="Start from a chapter or an idea and the media crew writes a script in scenes — or start blank and write it yourself."
      onClose={onClose}
      onSubmit={() => void submit()}
      closeOnBackdrop={false}
      data-testid="new-video-dialog"
      footer={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" busy={busy} data-testid="new-video-create">
            Create video
          </Button>
        </>
      }
    >
      <div className="video-form">
        <fieldset className="video-fieldset">
          <legend>Start from</legend>
          <div className="video-choices">
            {radio('chapter', 'A chapter', chapters.length === 0)}
            {radio('idea', 'An idea')}
            {radio('blank', 'Nothing (blank)')}
          </div>
        </fieldset>
        {kind === 'chapter' && (
          <>
            <Select label="Chapter" value={chapterId} options={chapters.map((c) => ({ value: c.id, label: c.title }))} onChange={setChapterId} data-testid="new-video-chapter" />
            <fieldset className="video-fieldset">
              <legend>Script</legend>
              <label className="video-radio">
                <input type="radio" name="video-way" checked={way === 'crew'} onChange={() => setWay('crew')} data-testid="new-video-crew" />
                <span>
                  Let the crew write the script
                  <small>Scenes with narration, captions and visual descriptions, from the chapter. Needs a model (AI settings).</small>
                </span>
              </label>
              <label className="video-radio">
                <input type="radio" name="video-way" checked={way === 'as-is'} onChange={() => setWay('as-is')} data-testid="new-video-as-is" />
                <span>
                  Use the chapter’s text as it is
                  <small>Each scene of the chapter becomes a scene narrated word for word. No model needed.</small>
                </span>
              </label>
            </fieldset>
          </>
        )}
        {kind === 'idea' && <TextArea label="Idea" rows={3} value={idea} maxLength={2000} placeholder="A lighthouse keeper hears a voice in the fog…" onChange={(e) => setIdea(e.target.value)} hint="The crew develops it into an outline, then a script." data-testid="new-video-idea" />}
        <TextField label="Title" value={title} placeholder={placeholder} maxLength={200} onChange={(e) => setTitle(e.target.value)} data-testid="new-video-title" />
        <Select label="Format" value={format} options={FORMAT_OPTIONS} onChange={setFormat} data-testid="new-video-format" />
        {error && (
          <p className="video-error" role="alert">
            {error}
          </p>
        )}
      </div>
    </Dialog>
  );
}
