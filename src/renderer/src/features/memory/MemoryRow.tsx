import { Archive, ArchiveRestore, History, Pencil, Pin, PinOff, Trash2 } from 'lucide-react';
import { memo, useEffect, useRef, useState, type JSX } from 'react';
import type { MemoryEntry } from '../../../../shared/models/memory';
import { useStores } from '../../app/services';
import { ConfirmDialog, IconButton, notify } from '../../ui';
import { EditNotice } from './EditNotice';
import { MemoryEditor } from './MemoryEditor';
import { MemoryHistoryDialog } from './MemoryHistoryDialog';
import { describeScope, KIND_HINTS, KIND_LABELS } from './memory-filters';
import { SourceLink } from './SourceLink';
import { useMemoryEdit } from './use-memory-edit';

export interface MemoryRowProps {
  entry: MemoryEntry;
  knownMarkers: readonly string[];
  /** Hide the kind badge where every row has the same kind ("What the AI knows"). */
  showKind?: boolean;
  /** A click on a marker chip (the memory view filters by it). */
  onMarker?: (marker: string) => void;
  focused?: boolean;
}

/** One memory: its text, kind, markers, source, version and flags, with edit, pin, archive, history and delete. */
export const MemoryRow = memo(function MemoryRow({ entry, knownMarkers, showKind = true, onMarker, focused = false }: MemoryRowProps): JSX.Element {
  const { useMemory } = useStores();
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [historyOpen, setHistoryOpen] = useState(false);
  const editButton = useRef<HTMLButtonElement>(null);
  const refocus = useRef(false);

  // The editor's buttons are gone once it closes: the Edit button that opened it takes the focus back.
  useEffect(() => {
    if (editing || !refocus.current) return;
    refocus.current = false;
    editButton.current?.focus();
  }, [editing]);

  const closeEditor = () => {
    refocus.current = true;
    setEditing(false);
  };

  const act = async (work: () => Promise<void>, failure: string) => {
    try {
      await work();
    } catch (error) {
      notify.error(error, { title: failure });
    }
  };

  const remove = async () => {
    setDeleting(true);
    try {
      await useMemory.getState().remove(entry.id);
      setConfirming(false);
      notify.success('Memory deleted. It is gone from search and from what the AI knows.');
    } catch (error) {
      notify.error(error, { title: 'Could not delete the memory' });
    } finally {
      setDeleting(false);
    }
  };

  return (
    <article
      className={`memory-row${entry.archived ? ' is-archived' : ''}${entry.pinned ? ' is-pinned' : ''}${focused ? ' is-focused' : ''}`}
      aria-label={`${KIND_LABELS[entry.kind]} memory`}
      data-testid="memory-row"
      data-memory-id={entry.id}
    >
      <div className="memory-row__meta">
        {showKind && (
          <span className={`ui-badge memory-kind memory-kind--${entry.kind}`} title={KIND_HINTS[entry.kind]}>
            {KIND_LABELS[entry.kind]}
          </span>
        )}
        {entry.pinned && (
          <span className="ui-badge memory-flag memory-flag--pinned" data-testid="memory-pinned">
            <Pin size={10} aria-hidden="true" /> Pinned
          </span>
        )}
        {entry.archived && (
          <span className="ui-badge memory-flag" data-testid="memory-archived">
            Archived
          </span>
        )}
        <SourceLink source={entry.source} />
        <span className="memory-row__version" title="Every edit keeps the earlier text as a version">
          v{entry.version}
        </span>
      </div>
      {editing ? (
        <RowEditor entry={entry} knownMarkers={knownMarkers} onDone={closeEditor} />
      ) : (
        <>
          <p className="memory-row__content" data-testid="memory-content">
            {entry.content}
          </p>
          {(entry.markers.length > 0 || !entry.agentScope.includes('*')) && (
            <div className="memory-row__markers">
              {entry.markers.map((marker) =>
                onMarker ? (
                  <button key={marker} type="button" className="memory-chip memory-chip--button" title={`Show only memories marked ${marker}`} onClick={() => onMarker(marker)} data-testid="memory-marker">
                    {marker}
                  </button>
                ) : (
                  <span key={marker} className="memory-chip" data-testid="memory-marker">
                    {marker}
                  </span>
                ),
              )}
              {!entry.agentScope.includes('*') && <span className="memory-row__scope">Only: {describeScope(entry.agentScope)}</span>}
            </div>
          )}
          <div className="memory-row__actions" role="group" aria-label="Memory actions">
            <IconButton ref={editButton} size="sm" label="Edit" icon={<Pencil size={13} />} onClick={() => setEditing(true)} data-testid="memory-edit" />
            <IconButton
              size="sm"
              label={entry.pinned ? 'Unpin' : 'Pin (always in the AI’s context)'}
              icon={entry.pinned ? <PinOff size={13} /> : <Pin size={13} />}
              active={entry.pinned}
              onClick={() => void act(() => useMemory.getState().setPinned(entry.id, !entry.pinned), 'Could not change the pin')}
              data-testid="memory-pin"
            />
            <IconButton
              size="sm"
              label={entry.archived ? 'Bring back from the archive' : 'Archive (kept, but never used by the AI)'}
              icon={entry.archived ? <ArchiveRestore size={13} /> : <Archive size={13} />}
              onClick={() => void act(() => useMemory.getState().setArchived(entry.id, !entry.archived), 'Could not change the archive')}
              data-testid="memory-archive"
            />
            <IconButton size="sm" label="Earlier versions" icon={<History size={13} />} onClick={() => setHistoryOpen(true)} disabled={entry.version <= 1} data-testid="memory-history" />
            <IconButton size="sm" label="Delete for good" icon={<Trash2 size={13} />} onClick={() => setConfirming(true)} className="memory-row__delete" data-testid="memory-delete" />
          </div>
        </>
      )}
      <ConfirmDialog
        open={confirming}
        title="Delete this memory?"
        message={
          <>
            <p>“{entry.content.length > 140 ? `${entry.content.slice(0, 140)}…` : entry.content}”</p>
            <p>It is removed for good, with its earlier versions, from search and from what the AI knows. This cannot be undone. To keep it out of the AI’s way but not lose it, archive it instead.</p>
          </>
        }
        confirmLabel="Delete for good"
        danger
        busy={deleting}
        onConfirm={() => void remove()}
        onCancel={() => setConfirming(false)}
        data-testid="memory-delete-confirm"
      />
      <MemoryHistoryDialog entry={entry} open={historyOpen} onClose={() => setHistoryOpen(false)} />
    </article>
  );
});

function RowEditor({ entry, knownMarkers, onDone }: { entry: MemoryEntry; knownMarkers: readonly string[]; onDone: () => void }): JSX.Element {
  const edit = useMemoryEdit(entry, onDone);
  return (
    <MemoryEditor
      draft={edit.draft}
      onDraft={edit.setDraft}
      knownMarkers={knownMarkers}
      submitLabel={edit.problem?.kind === 'gone' ? 'Save as new memory' : 'Save'}
      busy={edit.busy}
      dirty={edit.dirty}
      onSubmit={() => void edit.save()}
      onCancel={onDone}
      notice={edit.problem && <EditNotice problem={edit.problem} onReload={() => void edit.reload()} />}
    />
  );
}
