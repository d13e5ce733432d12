import { useEffect, useState, type JSX } from 'react';
import type { CodexEntry } from '../../../../shared/models/codex';
import type { Playbook } from '../../../../shared/models/plans';
import type { RunTarget } from '../../../../shared/models/runs';
import { useStores } from '../../app/services';
import { errorMessage } from '../../lib/api';
import { Button, Dialog, Select, TextArea } from '../../ui';
import { useNavigation } from '../project/navigation.store';
import { useRunView } from '../runs';

const NO_ENTRIES: CodexEntry[] = [];

/** Starts a playbook, asking for the chapter, scene or codex entry its plan works on. */
export function StartRunDialog({ projectId, playbook, onClose }: { projectId: string; playbook: Playbook; onClose: () => void }): JSX.Element {
  const { useOutline, useCodexStore, useRuns } = useStores();
  const outline = useOutline((s) => (s.outline?.projectId === projectId ? s.outline : null));
  const entries = useCodexStore((s) => (s.projectId === projectId ? s.entries : NO_ENTRIES));
  const openScene = useNavigation((s) => s.sceneId);
  const kind = playbook.plan.target;
  const chapters = outline?.chapters ?? [];
  const scenes = chapters.flatMap((chapter) => chapter.scenes.map((scene) => ({ value: scene.id, label: `${chapter.title} — ${scene.title}`, chapterId: chapter.id })));
  const openChapter = scenes.find((s) => s.value === openScene)?.chapterId;
  const [chosen, setChosen] = useState('');
  const [request, setRequest] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (kind === 'entry' && entries.length === 0) void useCodexStore.getState().load(projectId);
    if ((kind === 'chapter' || kind === 'scene') && !outline) void useOutline.getState().load(projectId);
  }, [entries.length, kind, outline, projectId, useCodexStore, useOutline]);

  const options =
    kind === 'chapter'
      ? chapters.map((chapter) => ({ value: chapter.id, label: chapter.title }))
      : kind === 'scene'
        ? scenes.map(({ value, label }) => ({ value, label }))
        : kind === 'entry'
          ? entries.map((entry) => ({ value: entry.id, label: `${entry.name} (${entry.kind})` }))
          : [];
  // The chapter or scene the writer is in is the likely one.
  const preferred = kind === 'chapter' ? openChapter : kind === 'scene' ? (openScene ?? undefined) : undefined;
  const value = chosen || (options.some((o) => o.value === preferred) ? (preferred ?? '') : (options[0]?.value ?? ''));
  const label = kind === 'chapter' ? 'Chapter' : kind === 'scene' ? 'Scene' : 'Codex entry';
  const needsTarget = kind !== 'none';
  const missing = needsTarget && !value;

  const start = async () => {
    if (missing) return;
    setBusy(true);
    setError(null);
    const target: RunTarget = kind === 'chapter' ? { chapterId: value } : kind === 'scene' ? { sceneId: value } : kind === 'entry' ? { entryId: value } : {};
    try {
      const run = await useRuns.getState().start({ projectId, playbookId: playbook.id, request: request.trim(), target });
      onClose();
      useRunView.getState().open(run.id);
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      open
      onClose={onClose}
      title={`Run ${playbook.name}`}
      description={playbook.description}
      onSubmit={() => void start()}
      data-testid="start-run-dialog"
      footer={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" busy={busy} disabled={missing}>
            Start run
          </Button>
        </>
      }
    >
      {needsTarget && (
        <Select
          label={label}
          value={value}
          options={options.length ? options : [{ value: '', label: `No ${label.toLowerCase()} yet` }]}
          onChange={setChosen}
          error={missing ? `This playbook works on a ${label.toLowerCase()}: add one first.` : null}
        />
      )}
      <TextArea label="Anything the crew should know (optional)" rows={3} value={request} onChange={(e) => setRequest(e.target.value)} />
      {error && (
        <p className="ui-field__error" role="alert">
          {error}
        </p>
      )}
    </Dialog>
  );
}
