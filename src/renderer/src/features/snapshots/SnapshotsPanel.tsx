import { BookCopy, Camera, Eye, FileText, History, RotateCcw, Trash2, Layers } from 'lucide-react';
import { useMemo, useState, type JSX, type ReactNode } from 'react';
import type { Snapshot, SnapshotScope } from '../../../../shared/models/snapshot';
import { useStores } from '../../app/services';
import { Button, ConfirmDialog, EmptyState, Form, formatCount, formatDateTime, formatRelativeTime, IconButton, notify, Spinner } from '../../ui';
import { useNavigation } from '../project/navigation.store';
import { chapterOf, describeTarget, outlineTitles, SCOPE_LABELS } from './snapshot-names';
import { SnapshotPreviewDialog } from './SnapshotPreviewDialog';
import { useSnapshotsSync } from './snapshots.store';
import '../../ui/panel.css';
import './SnapshotsPanel.css';

const SCOPE_ICONS: Record<SnapshotScope, ReactNode> = {
  scene: <FileText size={15} />,
  chapter: <Layers size={15} />,
  project: <BookCopy size={15} />,
};

const SCOPES: readonly SnapshotScope[] = ['scene', 'chapter', 'project'];

type Pending = { kind: 'preview' | 'restore' | 'delete'; snapshot: Snapshot } | null;

/** Snapshots: take one of the open scene, its chapter or the whole manuscript; preview, restore, delete. */
export function SnapshotsPanel({ projectId }: { projectId: string }): JSX.Element {
  const { useOutline, useSnapshots } = useStores();
  useSnapshotsSync(projectId);
  const store = useSnapshots();
  const outline = useOutline((state) => state.outline);
  const sceneId = useNavigation((state) => state.sceneId);
  const titles = useMemo(() => outlineTitles(outline), [outline]);
  const chapterId = chapterOf(outline, sceneId);

  const [chosenScope, setScope] = useState<SnapshotScope>('scene');
  const [label, setLabel] = useState('');
  const [creating, setCreating] = useState(false);
  const [pending, setPending] = useState<Pending>(null);
  const [busy, setBusy] = useState(false);

  const available = (scope: SnapshotScope) => scope === 'project' || (scope === 'scene' ? sceneId !== null : chapterId !== null);
  const scope = available(chosenScope) ? chosenScope : 'project';
  const targetId = scope === 'scene' ? sceneId : scope === 'chapter' ? chapterId : projectId;

  const create = async () => {
    if (!targetId) return;
    setCreating(true);
    try {
      await useSnapshots.getState().create(scope, targetId, label);
      setLabel('');
      notify.success('Snapshot taken.');
    } catch (error) {
      notify.error(error, { title: 'Could not take the snapshot' });
    } finally {
      setCreating(false);
    }
  };

  const restore = async (snapshot: Snapshot) => {
    setBusy(true);
    try {
      await useSnapshots.getState().restore(snapshot.id);
      setPending(null);
      notify.success('A safety snapshot of the text as it was before was taken first, so you can undo this.', { title: 'Snapshot restored' });
    } catch (error) {
      notify.error(error, { title: 'Could not restore the snapshot' });
    } finally {
      setBusy(false);
    }
  };

  const remove = async (snapshot: Snapshot) => {
    setBusy(true);
    try {
      await useSnapshots.getState().remove(snapshot.id);
      setPending(null);
    } catch (error) {
      notify.error(error, { title: 'Could not delete the snapshot' });
    } finally {
      setBusy(false);
    }
  };

  const mine = store.projectId === projectId;
  const snapshots = mine ? store.snapshots : [];
  const nameOf = (snapshot: Snapshot) => snapshot.label.trim() || `${SCOPE_LABELS[snapshot.scope]} snapshot`;

  return (
    <div className="ui-panel" data-testid="snapshots-panel">
      <Form className="ui-panel__bar snapshot-form" onSubmit={create}>
        <div className="snapshot-form__scopes" role="radiogroup" aria-label="What to snapshot">
          {SCOPES.map((option) => (
            <button
              key={option}
              type="button"
              role="radio"
              aria-checked={scope === option}
              disabled={!available(option)}
              className={`snapshot-form__scope${scope === option ? ' is-active' : ''}`}
              onClick={() => setScope(option)}
              title={available(option) ? undefined : 'Open a scene first'}
              data-testid={`snapshot-scope-${option}`}
            >
              {SCOPE_ICONS[option]}
              {option === 'project' ? 'Manuscript' : SCOPE_LABELS[option]}
            </button>
          ))}
        </div>
        <div className="snapshot-form__row">
          <input
            className="ui-input snapshot-form__label"
            value={label}
            maxLength={2000}
            placeholder="Label (optional)"
            aria-label="Snapshot label"
            onChange={(event) => setLabel(event.target.value)}
            data-testid="snapshot-label"
          />
          <Button type="submit" size="sm" variant="primary" icon={<Camera size={14} />} busy={creating} disabled={!targetId} data-testid="snapshot-create">
            Take snapshot
          </Button>
        </div>
      </Form>
      <div className="ui-panel__body">
        {store.status === 'loading' || !mine ? (
          <div className="ui-panel__center">
            <Spinner label="Loading snapshots…" />
          </div>
        ) : store.status === 'error' && snapshots.length === 0 ? (
          <EmptyState size="sm" title="Snapshots could not be loaded" action={<Button onClick={() => void store.load(projectId)}>Try again</Button>}>
            {store.error}
          </EmptyState>
        ) : snapshots.length === 0 ? (
          <EmptyState size="sm" icon={<History size={22} />} title="No snapshots yet" data-testid="snapshots-empty">
            A snapshot keeps a copy of a scene, a chapter or the whole manuscript as it is now. Take one before a big revision; you can
            compare and restore it any time.
          </EmptyState>
        ) : (
          <ul className="ui-panel__list">
            {snapshots.map((snapshot) => (
              <li key={snapshot.id} className="snapshot-item" data-testid="snapshot-item" data-snapshot-id={snapshot.id}>
                <span className={`snapshot-item__icon snapshot-item__icon--${snapshot.scope}`} aria-hidden="true">
                  {SCOPE_ICONS[snapshot.scope]}
                </span>
                <button type="button" className="snapshot-item__main" onClick={() => setPending({ kind: 'preview', snapshot })}>
                  <span className="snapshot-item__label" title={nameOf(snapshot)}>
                    {nameOf(snapshot)}
                  </span>
                  <span className="snapshot-item__target">{describeTarget(snapshot, titles)}</span>
                  <span className="snapshot-item__meta">
                    <time dateTime={new Date(snapshot.createdAt).toISOString()} title={formatDateTime(snapshot.createdAt)}>
                      {formatRelativeTime(snapshot.createdAt)}
                    </time>
                    {' · '}
                    {formatCount(snapshot.wordCount, 'word')}
                  </span>
                </button>
                <span className="snapshot-item__actions">
                  <IconButton size="sm" label="Preview" icon={<Eye size={14} />} onClick={() => setPending({ kind: 'preview', snapshot })} data-testid="snapshot-preview" />
                  <IconButton size="sm" label="Restore" icon={<RotateCcw size={14} />} onClick={() => setPending({ kind: 'restore', snapshot })} data-testid="snapshot-restore" />
                  <IconButton size="sm" label="Delete" icon={<Trash2 size={14} />} onClick={() => setPending({ kind: 'delete', snapshot })} data-testid="snapshot-delete" />
                </span>
              </li>
            ))}
          </ul>
        )}
      </div>
      {pending?.kind === 'preview' && (
        <SnapshotPreviewDialog
          snapshot={pending.snapshot}
          title={nameOf(pending.snapshot)}
          onClose={() => setPending(null)}
          onRestore={() => setPending({ kind: 'restore', snapshot: pending.snapshot })}
        />
      )}
      <ConfirmDialog
        open={pending?.kind === 'restore'}
        title="Restore this snapshot?"
        confirmLabel="Restore"
        busy={busy}
        data-testid="snapshot-restore-confirm"
        onCancel={() => setPending(null)}
        onConfirm={() => pending && void restore(pending.snapshot)}
        message={
          pending && (
            <>
              <p>
                {describeTarget(pending.snapshot, titles)} goes back to how it was {formatRelativeTime(pending.snapshot.createdAt)} (
                {formatDateTime(pending.snapshot.createdAt)}).
              </p>
              <p>A safety snapshot of the current text is taken first, so you can undo this by restoring that one.</p>
            </>
          )
        }
      />
      <ConfirmDialog
        open={pending?.kind === 'delete'}
        title="Delete this snapshot?"
        confirmLabel="Delete"
        danger
        busy={busy}
        data-testid="snapshot-delete-confirm"
        onCancel={() => setPending(null)}
        onConfirm={() => pending && void remove(pending.snapshot)}
        message={pending && <p>“{nameOf(pending.snapshot)}” is deleted for good. Your manuscript is not changed.</p>}
      />
    </div>
  );
}
