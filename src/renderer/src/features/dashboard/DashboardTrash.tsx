import { BookText, RotateCcw, Trash2 } from 'lucide-react';
import { useEffect, useState } from 'react';
import { useStores } from '../../app/services';
import { Button, EmptyState, formatDateTime, formatRelativeTime, Spinner } from '../../ui';
import { EmptyTrashDialog } from '../trash';

/** Deleted projects, with Restore each and "Empty trash…" for all. */
export function DashboardTrash() {
  const { useDashboard } = useStores();
  const trash = useDashboard((s) => s.trash);
  const status = useDashboard((s) => s.trashStatus);
  const restore = useDashboard((s) => s.restore);
  const emptyTrash = useDashboard((s) => s.emptyTrash);
  const [confirming, setConfirming] = useState(false);

  useEffect(() => {
    void useDashboard.getState().loadTrash();
  }, [useDashboard]);

  return (
    <section aria-labelledby="trash-heading">
      <div className="dashboard-section-head">
        <h1 id="trash-heading">Trash</h1>
        <span className="dashboard-summary">Deleted projects stay here until you empty the trash.</span>
        {trash.length > 0 && (
          <Button variant="ghost" size="sm" icon={<Trash2 size={15} />} className="dashboard-danger" onClick={() => setConfirming(true)} data-testid="empty-trash">
            Empty trash…
          </Button>
        )}
      </div>
      {status !== 'ready' && trash.length === 0 ? (
        <div className="dashboard-center">{status === 'error' ? null : <Spinner label="Loading the trash…" />}</div>
      ) : trash.length === 0 ? (
        <EmptyState icon={<Trash2 size={28} />} title="The trash is empty" data-testid="trash-empty">
          <p>When you delete a project it comes here first, so you can bring it back.</p>
        </EmptyState>
      ) : (
        <ul className="trash-list" data-testid="trash-list">
          {trash.map((item) => (
            <li key={item.id} className="trash-row" data-testid="trash-item">
              <BookText size={18} className="trash-row__icon" aria-hidden="true" />
              <div className="trash-row__text">
                <span className="trash-row__title">{item.title}</span>
                <span className="trash-row__when" title={formatDateTime(item.deletedAt)}>
                  Deleted {formatRelativeTime(item.deletedAt)}
                </span>
              </div>
              <Button size="sm" icon={<RotateCcw size={14} />} onClick={() => void restore(item)} data-testid="trash-restore">
                Restore
              </Button>
            </li>
          ))}
        </ul>
      )}
      <EmptyTrashDialog
        open={confirming}
        title="Empty the trash?"
        message={
          <p>
            {trash.length === 1 ? 'The project in the trash' : `All ${trash.length} projects in the trash`}, with their chapters, scenes, codex and snapshots,
            will be deleted for good. This cannot be undone.
          </p>
        }
        onEmpty={emptyTrash}
        onClose={() => setConfirming(false)}
      />
    </section>
  );
}
