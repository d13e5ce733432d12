import type { JSX } from 'react';
import type { MeaningStatus } from '../../../../shared/models/memory';
import { useAiSettings } from '../ai-settings';

const TEXT: Record<Exclude<MeaningStatus, 'ready'>, string> = {
  'no-model': 'Meaning search is off: no embedding model is set up.',
  rebuilding: 'The index is being rebuilt; until it is done, search by meaning may miss passages.',
  'not-indexed': 'This project is not indexed yet, so nothing can be found by meaning.',
};

/**
 * Why a search by meaning could not (fully) use meaning: no embedding model (with the way to
 * add one), the index being rebuilt, or not built yet. The core then answers by words, which
 * the notice says; the index status above shows any progress.
 */
export function MeaningNotice({ meaning, notice, hasResults }: { meaning: MeaningStatus; notice: string | null; hasResults: boolean }): JSX.Element | null {
  if (meaning === 'ready') return null;
  return (
    <div className="search-notice" role="status" data-testid="meaning-notice" data-meaning={meaning}>
      <p>
        <strong>{TEXT[meaning]}</strong>
        {hasResults && meaning !== 'rebuilding' ? ' The results below match your words.' : ''}
      </p>
      {notice && <p>{notice}</p>}
      {meaning === 'no-model' && (
        <button type="button" className="ui-link-button" onClick={() => useAiSettings.getState().openSettings('models')} data-testid="meaning-open-models">
          Add an embedding model in AI settings → Models
        </button>
      )}
    </div>
  );
}

/**
 * The status to tell the writer: a search of a project with nothing indexed yet reports
 * `not-indexed` even when the real obstacle is that no embedding model is set up; the index
 * status knows, and "how to turn it on" is the useful answer then.
 */
export function meaningToShow(fromSearch: MeaningStatus, fromIndex: MeaningStatus | null): MeaningStatus {
  return fromSearch === 'not-indexed' && fromIndex === 'no-model' ? 'no-model' : fromSearch;
}
