import type { JSX } from 'react';
import type { EditProblem } from './use-memory-edit';

/** What the editor says after a refused save: always that the writer's text is still there, and what to do. */
export function EditNotice({ problem, onReload }: { problem: EditProblem; onReload: () => void }): JSX.Element {
  if (problem.kind === 'conflict') {
    return (
      <div className="memory-notice memory-notice--warning" role="alert" data-testid="memory-conflict">
        <p>
          <strong>This memory changed while you were editing it.</strong> Your text is kept below. Reload the newest version to compare, then save again.
        </p>
        <button type="button" className="ui-link-button" onClick={onReload} data-testid="memory-conflict-reload">
          Reload newest version
        </button>
      </div>
    );
  }
  if (problem.kind === 'reloaded') {
    return (
      <div className="memory-notice" role="status" data-testid="memory-reloaded">
        <p>
          Version {problem.latest.version} now reads: <q>{problem.latest.content}</q>
        </p>
        <p>Your text is still in the editor. Save to replace it, or Cancel to keep version {problem.latest.version}.</p>
      </div>
    );
  }
  if (problem.kind === 'gone') {
    return (
      <div className="memory-notice memory-notice--warning" role="alert" data-testid="memory-gone">
        <p>This memory was deleted meanwhile. Your text is still here: save it as a new memory, or Cancel to let it go.</p>
      </div>
    );
  }
  return (
    <div className="memory-notice memory-notice--error" role="alert" data-testid="memory-edit-error">
      <p>{problem.message} Your text is still here; try again.</p>
    </div>
  );
}
