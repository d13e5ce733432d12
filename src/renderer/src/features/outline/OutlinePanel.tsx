import { FolderPlus, ListTree } from 'lucide-react';
import { useStores } from '../../app/services';
import { Button, EmptyState, formatCount, IconButton, Spinner } from '../../ui';
import { OutlineTree } from './OutlineTree';
import { ProjectTrash } from './ProjectTrash';
import './outline.css';

/**
 * The project sidebar: the manuscript tree with its total, and the project's trash at the foot.
 * Shows the outline store; whoever opens the project loads it with {@link useOutlineSync}.
 */
export function OutlinePanel() {
  const { useOutline } = useStores();
  const outline = useOutline((s) => s.outline);
  const status = useOutline((s) => s.status);
  const addChapter = useOutline((s) => s.addChapter);

  return (
    <nav className="outline" aria-label="Manuscript">
      <header className="outline-header">
        <div className="outline-header__text">
          <h2>Manuscript</h2>
          {outline && <span data-testid="outline-word-total">{formatCount(outline.wordCount, 'word')}</span>}
        </div>
        <IconButton size="sm" label="Add chapter" icon={<FolderPlus size={15} />} onClick={() => void addChapter()} data-testid="add-chapter" />
      </header>
      <div className="outline-scroll">
        {!outline ? (
          <div className="outline-loading">
            {status === 'error' ? (
              <EmptyState size="sm" title="The chapters could not be loaded">
                <Button size="sm" onClick={() => void useOutline.getState().refresh()}>
                  Try again
                </Button>
              </EmptyState>
            ) : (
              <Spinner size={16} label="Loading…" />
            )}
          </div>
        ) : outline.chapters.length === 0 ? (
          <EmptyState
            size="sm"
            icon={<ListTree size={22} />}
            title="No chapters yet"
            action={
              <Button size="sm" variant="primary" onClick={() => void addChapter()} data-testid="add-chapter-empty">
                Add a chapter
              </Button>
            }
          >
            <p>Chapters hold your scenes. Add one to start writing.</p>
          </EmptyState>
        ) : (
          <OutlineTree />
        )}
      </div>
      <ProjectTrash />
    </nav>
  );
}
