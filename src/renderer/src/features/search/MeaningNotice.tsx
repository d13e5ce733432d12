import type { JSX } from 'react';
import type { MeaningStatus } from '../../../../shared/models/memory';
import { useAiSettings } from '../ai-settings';

/**
 * Why a search by meaning could not (fully) use meaning: no embedding model (with the way to
 * add one), the index being rebuilt, or not built yet. The index status above shows progress.
 */
export function MeaningNotice({ meaning, notice, kind }: { meaning: MeaningStatus; notice: string | null; kind: 'meaning' | 'both' }): JSX.Element | null {
  if (meaning === 'ready') return null;
  const fallback = kind === 'both' ? 'The results below match your words only.' : 'Switch to Words to search the exact words meanwhile.';
  const text: Record<Exclude<MeaningStatus, 'ready'>, string> = {
    'no-model': 'Meaning search is off: no embedding model is set up.',
    rebuilding: 'The embedding model changed and the index is being rebuilt; meaning search may miss passages until it finishes.',
    'not-indexed': 'This project is not indexed yet, so nothing can be found by meaning.',
  };
  return (
    <div className="search-notice" role="status" data-testid="meaning-notice" data-meaning={meaning}>
      <p>
        <strong>{text[meaning]}</strong> {meaning === 'rebuilding' ? '' : fallback}
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
