import { Copy, Pencil, Play, Trash2 } from 'lucide-react';
import { useEffect, useState, type JSX } from 'react';
import type { Playbook } from '../../../../shared/models/plans';
import { useStores } from '../../app/services';
import { Button, ConfirmDialog, EmptyState, notify, Spinner } from '../../ui';
import { PlaybookEditor } from './PlaybookEditor';
import { StartRunDialog } from './StartRunDialog';

const TARGET_LABEL: Record<Playbook['plan']['target'], string> = { none: 'the project', chapter: 'a chapter', scene: 'a scene', entry: 'a codex entry' };

/** The playbooks: run one, duplicate it to make your own, edit or delete your copies. */
export function PlaybooksView({ projectId }: { projectId: string }): JSX.Element {
  const { usePlaybooks } = useStores();
  const store = usePlaybooks();
  const [editing, setEditing] = useState<Playbook | null>(null);
  const [starting, setStarting] = useState<Playbook | null>(null);
  const [deleting, setDeleting] = useState<Playbook | null>(null);

  useEffect(() => {
    const release = usePlaybooks.getState().retain();
    void usePlaybooks.getState().load();
    return release;
  }, [usePlaybooks]);

  const duplicate = async (playbook: Playbook) => {
    try {
      const copy = await usePlaybooks.getState().duplicate(playbook.id);
      setEditing(copy);
    } catch (error) {
      notify.error(error, { title: 'Could not duplicate the playbook' });
    }
  };
  const remove = async (playbook: Playbook) => {
    try {
      await usePlaybooks.getState().remove(playbook.id);
      notify.success(`Deleted “${playbook.name}”.`);
    } catch (error) {
      notify.error(error, { title: 'Could not delete the playbook' });
    }
  };

  return (
    <div className="crew-section" data-testid="playbooks">
      {store.status === 'error' && store.playbooks.length === 0 ? (
        <EmptyState size="sm" title="Playbooks could not be loaded" action={<Button onClick={() => void store.load()}>Try again</Button>}>
          {store.error}
        </EmptyState>
      ) : store.status !== 'ready' && store.playbooks.length === 0 ? (
        <div className="ui-panel__center">
          <Spinner label="Loading playbooks…" />
        </div>
      ) : store.playbooks.length === 0 ? (
        <EmptyState size="sm" title="No playbooks">
          Playbooks are ready-made plans for the crew.
        </EmptyState>
      ) : (
        <ul className="ui-panel__list playbook-list" aria-label="Playbooks">
          {store.playbooks.map((playbook) => (
            <li key={playbook.id} className="playbook-row" aria-label={playbook.name} data-testid="playbook-row">
              <div className="playbook-row__head">
                <span className="playbook-row__name">{playbook.name}</span>
                <span className="playbook-row__badge">{playbook.builtin ? 'Shipped' : 'Your copy'}</span>
              </div>
              {playbook.description && <p className="playbook-row__text">{playbook.description}</p>}
              <p className="playbook-row__meta">
                {playbook.plan.steps.length} steps · works on {TARGET_LABEL[playbook.plan.target]}
              </p>
              <div className="playbook-row__actions">
                <Button size="sm" variant="primary" icon={<Play size={13} />} aria-label={`Run ${playbook.name}`} onClick={() => setStarting(playbook)}>
                  Run
                </Button>
                <Button size="sm" icon={<Copy size={13} />} aria-label={`Duplicate ${playbook.name}`} onClick={() => void duplicate(playbook)}>
                  Duplicate
                </Button>
                {!playbook.builtin && (
                  <>
                    <Button size="sm" icon={<Pencil size={13} />} aria-label={`Edit ${playbook.name}`} onClick={() => setEditing(playbook)}>
                      Edit
                    </Button>
                    <Button size="sm" variant="ghost" icon={<Trash2 size={13} />} aria-label={`Delete ${playbook.name}`} onClick={() => setDeleting(playbook)}>
                      Delete
                    </Button>
                  </>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
      {editing && <PlaybookEditor key={editing.id} playbook={editing} onClose={() => setEditing(null)} />}
      {starting && <StartRunDialog projectId={projectId} playbook={starting} onClose={() => setStarting(null)} />}
      <ConfirmDialog
        open={deleting !== null}
        title={`Delete “${deleting?.name ?? ''}”?`}
        message="Your copy of this playbook is deleted. The shipped playbook it came from stays."
        confirmLabel="Delete"
        danger
        onConfirm={() => {
          const target = deleting;
          setDeleting(null);
          if (target) void remove(target);
        }}
        onCancel={() => setDeleting(null)}
      />
    </div>
  );
}
