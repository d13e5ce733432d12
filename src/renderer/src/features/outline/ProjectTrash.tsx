import { BookMarked, ChevronRight, FileText, Folder, RotateCcw, Trash2 } from 'lucide-react';
import { useState } from 'react';
import type { TrashKind } from '../../../../shared/models/trash';
import { useStores } from '../../app/services';
import { Button, formatDateTime, formatRelativeTime, IconButton } from '../../ui';
import { EmptyTrashDialog } from '../trash';

const KIND_ICON: Record<TrashKind, typeof FileText> = { project: BookMarked, chapter: Folder, scene: FileText, codex: BookMarked };
const KIND_LABEL: Record<TrashKind, string> = { project: 'Project', chapter: 'Chapter', scene: 'Scene', codex: 'Codex entry' };

/** The project's deleted chapters, scenes and codex entries, folded at the foot of the sidebar. */
export function ProjectTrash() {
  const { useOutline } = useStores();
  const trash = useOutline((s) => s.trash);
  const trashStatus = useOutline((s) => s.trashStatus);
  const restore = useOutline((s) => s.restore);
  const emptyTrash = useOutline((s) => s.emptyTrash);
  const [open, setOpen] = useState(false);
  const [confirming, setConfirming] = useState(false);

  const toggle = () => {
    if (!open) void useOutline.getState().loadTrash();
    setOpen(!open);
  };

  return (
    <section className={`outline-trash${open ? ' is-open' : ''}`} aria-label="Trash">
      <div className="outline-trash__head">
        <button type="button" className="outline-trash__toggle" aria-expanded={open} onClick={toggle} data-testid="project-trash-toggle">
          <ChevronRight size={14} className="outline-trash__chevron" aria-hidden="true" />
          <Trash2 size={14} aria-hidden="true" />
          <span>Trash</span>
          {trashStatus === 'ready' && trash.length > 0 && <span className="outline-trash__count">{trash.length}</span>}
        </button>
      </div>
      {open && (
        <div className="outline-trash__body">
          {trash.length === 0 ? (
            <p className="outline-trash__empty">{trashStatus === 'ready' ? 'Nothing here. Deleted chapters, scenes and codex entries wait here until you empty the trash.' : 'Loading…'}</p>
          ) : (
            <ul className="outline-trash__list">
              {trash.map((item) => {
                const Icon = KIND_ICON[item.kind];
                return (
                  <li key={`${item.kind}:${item.id}`} className="outline-trash__item" data-testid="project-trash-item" data-kind={item.kind}>
                    <Icon size={14} className="outline-row__icon" aria-label={KIND_LABEL[item.kind]} />
                    <span className="outline-trash__title" title={`${KIND_LABEL[item.kind]} · deleted ${formatDateTime(item.deletedAt)}`}>
                      {item.title}
                      <small>{formatRelativeTime(item.deletedAt)}</small>
                    </span>
                    <IconButton size="sm" label={`Restore ${item.title}`} icon={<RotateCcw size={14} />} onClick={() => void restore(item)} data-testid="project-trash-restore" />
                  </li>
                );
              })}
            </ul>
          )}
          {trash.length > 0 && (
            <Button size="sm" variant="ghost" className="outline-trash__empty-button" onClick={() => setConfirming(true)} data-testid="project-trash-empty">
              Empty trash…
            </Button>
          )}
        </div>
      )}
      <EmptyTrashDialog
        open={confirming}
        title="Empty this project’s trash?"
        message={<p>{trash.length === 1 ? 'The deleted item' : `All ${trash.length} deleted items`} will be removed for good. This cannot be undone.</p>}
        onEmpty={emptyTrash}
        onClose={() => setConfirming(false)}
      />
    </section>
  );
}
