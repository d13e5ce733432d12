import { BookOpen, Gem, MapPin, Plus, ScrollText, User } from 'lucide-react';
import { useEffect, useMemo, useState, type JSX, type ReactNode } from 'react';
import type { CodexEntry, CodexKind } from '../../../../shared/models/codex';
import { useStores } from '../../app/services';
import { Button, EmptyState, notify, PanelSearch, Spinner } from '../../ui';
import { notifyTrashed } from '../trash';
import { CodexEntryDialog } from './CodexEntryDialog';
import { KIND_LABELS, KIND_ORDER, matchesFilter } from './codex-form';
import { useCodex, type CodexStore } from './codex.store';
import '../../ui/panel.css';
import './CodexPanel.css';

const KIND_ICONS: Record<CodexKind, ReactNode> = {
  character: <User size={15} />,
  location: <MapPin size={15} />,
  lore: <ScrollText size={15} />,
  object: <Gem size={15} />,
};

type Editing = { entry: CodexEntry | null; kind: CodexKind } | null;

async function undoDelete(useCodexStore: CodexStore, entry: CodexEntry): Promise<void> {
  try {
    await useCodexStore.getState().restore(entry.id);
  } catch (error) {
    notify.error(error, { title: `Could not bring back “${entry.name}”` });
  }
}

/** The entry a mention click asked for, if any; the request is then cleared. */
function takeFocus(useCodexStore: CodexStore): Editing {
  const state = useCodexStore.getState();
  const entry = state.focusId ? state.entries.find((e) => e.id === state.focusId) : undefined;
  if (!entry) return null;
  queueMicrotask(() => useCodexStore.getState().setFocus(null));
  return { entry, kind: entry.kind };
}

/** The project's world bible: characters, locations, lore and objects, grouped by kind. */
export function CodexPanel({ projectId }: { projectId: string }): JSX.Element {
  const { useCodexStore } = useStores();
  useCodex(projectId);
  const store = useCodexStore();
  const entries = useMemo(() => (store.projectId === projectId ? store.entries : []), [store.projectId, store.entries, projectId]);
  const [filter, setFilter] = useState('');
  const [editing, setEditing] = useState<Editing>(() => takeFocus(useCodexStore));

  // A Ctrl/Cmd-click on a mention in the text asks for an entry: open it.
  useEffect(
    () =>
      useCodexStore.subscribe((state, previous) => {
        if (state.focusId && state.focusId !== previous.focusId) {
          const next = takeFocus(useCodexStore);
          if (next) setEditing(next);
        }
      }),
    [useCodexStore],
  );

  const groups = useMemo(() => {
    const visible = entries.filter((entry) => matchesFilter(entry, filter));
    return KIND_ORDER.map((kind) => ({ kind, entries: visible.filter((entry) => entry.kind === kind) })).filter((group) => group.entries.length > 0);
  }, [entries, filter]);

  const remove = async (entry: CodexEntry) => {
    setEditing(null);
    try {
      await useCodexStore.getState().remove(entry.id);
      notifyTrashed(`“${entry.name}” moved to the trash.`, { kind: 'codex', id: entry.id }, () => undoDelete(useCodexStore, entry), 'codex-undo');
    } catch (error) {
      notify.error(error, { title: `Could not delete “${entry.name}”` });
    }
  };

  const loading = store.status === 'loading' || store.projectId !== projectId;
  let body: ReactNode;
  if (loading && entries.length === 0) body = <div className="ui-panel__center"><Spinner label="Loading the codex…" /></div>;
  else if (store.status === 'error' && entries.length === 0)
    body = (
      <EmptyState size="sm" title="The codex could not be loaded" action={<Button onClick={() => void store.load(projectId)}>Try again</Button>}>
        {store.error}
      </EmptyState>
    );
  else if (entries.length === 0)
    body = (
      <EmptyState
        size="sm"
        icon={<BookOpen size={22} />}
        title="Your story’s world bible"
        data-testid="codex-empty"
        action={
          <Button variant="primary" icon={<Plus size={14} />} onClick={() => setEditing({ entry: null, kind: 'character' })}>
            Add a character
          </Button>
        }
      >
        Keep characters, places, lore and objects here, with their aliases and details. Their names light up in your scenes so you can
        check who is who while you write.
      </EmptyState>
    );
  else if (groups.length === 0) body = <p className="codex-panel__none">Nothing in the codex matches “{filter.trim()}”.</p>;
  else
    body = groups.map((group) => (
      <section key={group.kind} className="codex-group" aria-label={KIND_LABELS[group.kind].many}>
        <header className="codex-group__header">
          <span>{KIND_LABELS[group.kind].many}</span>
          <span className="codex-group__count">{group.entries.length}</span>
          <button type="button" className="codex-group__add" aria-label={`New ${KIND_LABELS[group.kind].one.toLocaleLowerCase()}`} title={`New ${KIND_LABELS[group.kind].one.toLocaleLowerCase()}`} onClick={() => setEditing({ entry: null, kind: group.kind })}>
            <Plus size={14} />
          </button>
        </header>
        <ul className="codex-group__list">
          {group.entries.map((entry) => (
            <li key={entry.id}>
              <button type="button" className="ui-panel__item codex-entry" onClick={() => setEditing({ entry, kind: entry.kind })} data-testid="codex-entry" data-codex-id={entry.id}>
                <span className={`codex-entry__icon codex-entry__icon--${entry.kind}`} aria-hidden="true">
                  {KIND_ICONS[entry.kind]}
                </span>
                <span className="codex-entry__text">
                  <span className="codex-entry__name">
                    {entry.name}
                    {entry.aliases.length > 0 && <span className="codex-entry__aliases"> · {entry.aliases.join(', ')}</span>}
                  </span>
                  {entry.description && <span className="codex-entry__description">{entry.description}</span>}
                </span>
              </button>
            </li>
          ))}
        </ul>
      </section>
    ));

  return (
    <div className="ui-panel" data-testid="codex-panel">
      <div className="ui-panel__bar codex-panel__bar">
        <PanelSearch size="sm" className="codex-panel__filter" label="Filter the codex" value={filter} onChange={(event) => setFilter(event.target.value)} data-testid="codex-filter" />
        <Button size="sm" variant="primary" icon={<Plus size={14} />} onClick={() => setEditing({ entry: null, kind: 'character' })} data-testid="codex-new">
          New
        </Button>
      </div>
      <div className="ui-panel__body codex-panel__body">{body}</div>
      {editing && (
        <CodexEntryDialog
          key={editing.entry?.id ?? `new-${editing.kind}`}
          projectId={projectId}
          entry={editing.entry}
          kind={editing.kind}
          onClose={() => setEditing(null)}
          onDelete={(entry) => void remove(entry)}
        />
      )}
    </div>
  );
}
