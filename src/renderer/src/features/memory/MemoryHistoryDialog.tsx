import { useEffect, useState, type JSX } from 'react';
import type { MemoryEntry, MemoryVersion } from '../../../../shared/models/memory';
import { useStores } from '../../app/services';
import { errorMessage } from '../../lib/api';
import { Dialog, formatDateTime, Spinner } from '../../ui';

/** A memory's versions, newest first: the current text, then every earlier one the core kept. */
export function MemoryHistoryDialog({ entry, open, onClose }: { entry: MemoryEntry; open: boolean; onClose: () => void }): JSX.Element {
  const { useMemory } = useStores();
  const [versions, setVersions] = useState<MemoryVersion[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!open) return undefined;
    let live = true;
    setVersions(null);
    setError(null);
    useMemory
      .getState()
      .history(entry.id)
      .then((list) => live && setVersions(list.filter((v) => v.version !== entry.version)))
      .catch((err: unknown) => live && setError(errorMessage(err)));
    return () => {
      live = false;
    };
  }, [open, entry.id, entry.version, useMemory]);

  return (
    <Dialog open={open} onClose={onClose} title="Versions of this memory" description="Every edit keeps the text it replaced." size="md" data-testid="memory-history-dialog">
      <ol className="memory-versions">
        <li className="memory-version memory-version--current">
          <div className="memory-version__head">
            <strong>Version {entry.version} · current</strong>
            <span>{formatDateTime(entry.updatedAt)}</span>
          </div>
          <p>{entry.content}</p>
        </li>
        {versions?.map((version) => (
          <li key={version.version} className="memory-version" data-testid="memory-version">
            <div className="memory-version__head">
              <strong>Version {version.version}</strong>
              <span>{formatDateTime(version.editedAt)}</span>
            </div>
            <p>{version.content}</p>
            {version.markers.length > 0 && <p className="memory-version__markers">{version.markers.join(' · ')}</p>}
          </li>
        ))}
      </ol>
      {!versions && !error && <Spinner size={14} label="Reading the versions…" />}
      {error && <p role="alert">{error}</p>}
      {versions && versions.length === 0 && <p className="memory-version__none">No earlier versions.</p>}
    </Dialog>
  );
}
