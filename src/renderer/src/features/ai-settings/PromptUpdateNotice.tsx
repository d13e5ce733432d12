import { ArrowUpCircle, GitCompare } from 'lucide-react';
import { useState } from 'react';
import type { PromptSummary } from '../../../../shared/models/prompts';
import { useApi, useStores } from '../../app/services';
import { errorMessage } from '../../lib/api';
import { Button } from '../../ui';
import type { DiffLine } from './diff-view';
import { PromptDiff } from './PromptDiff';

type Update = NonNullable<PromptSummary['update']>;

/**
 * A newer shipped version of a prompt the writer edited (or pinned): it is not used until they
 * choose it. Shows what would change, and lets them switch or keep their version.
 */
export function PromptUpdateNotice({ summary, update }: { summary: PromptSummary; update: Update }) {
  const api = useApi();
  const { usePrompts } = useStores();
  const [diff, setDiff] = useState<DiffLine[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const mine = summary.pinned ? `your pinned version ${summary.activeVersion}` : `your edit (version ${summary.activeVersion})`;

  const showChanges = async () => {
    setBusy(true);
    try {
      setDiff(await api.call('prompts.diff', { id: summary.id, from: summary.activeVersion, to: update.version }));
      setError(null);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="ai-prompt-update" data-testid="prompt-update" data-version={update.version}>
      <p className="ai-callout">
        <ArrowUpCircle size={15} aria-hidden="true" />
        <span>
          A new version of this prompt came with the app (version {update.version}, from file version {update.fileVersion}). It is not used yet: {mine} stays in
          use until you choose the new one.
        </span>
      </p>
      <div className="ai-prompt-update__actions">
        {diff === null && (
          <Button size="sm" variant="ghost" icon={<GitCompare size={13} />} busy={busy} onClick={() => void showChanges()} data-testid="prompt-update-diff">
            Show changes
          </Button>
        )}
        <Button size="sm" onClick={() => void usePrompts.getState().adoptUpdate(update.version)} data-testid="prompt-update-adopt">
          Use the new version
        </Button>
        <Button size="sm" variant="ghost" onClick={() => void usePrompts.getState().dismissUpdate(update.version)} data-testid="prompt-update-dismiss">
          Keep mine
        </Button>
      </div>
      {error && (
        <p className="ai-note ai-note--danger" role="alert">
          {error}
        </p>
      )}
      {diff && <PromptDiff lines={diff} from={summary.activeVersion} to={update.version} />}
    </div>
  );
}
