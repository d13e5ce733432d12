import { Bot, ExternalLink } from 'lucide-react';
import { useEffect, useState, type JSX } from 'react';
import type { RunStatus } from '../../../../shared/models/runs';
import { useApi } from '../../app/services';
import { Button } from '../../ui';
import { RUN_STATUS_LABEL, useRunView } from '../runs';

/**
 * The run a chat reply started: its title and live status (read once, then followed through
 * `run.changed`, newest `seq` wins), with "Open run" to see its steps and proposals.
 */
export function ChatRunCard({ runId }: { runId: string }): JSX.Element {
  const api = useApi();
  const [title, setTitle] = useState<string | null>(null);
  const [state, setState] = useState<{ status: RunStatus; seq: number } | null>(null);
  const [unreadable, setUnreadable] = useState(false);

  useEffect(() => {
    let alive = true;
    const newer = (status: RunStatus, seq: number) => setState((current) => (current && current.seq >= seq ? current : { status, seq }));
    const off = api.on('run.changed', (event) => {
      if (event.runId === runId) newer(event.status, event.seq);
    });
    api.call('runs.get', { id: runId }).then(
      ({ run }) => {
        if (!alive) return;
        setTitle(run.title);
        newer(run.status, run.seq);
      },
      () => alive && setUnreadable(true),
    );
    return () => {
      alive = false;
      off();
    };
  }, [api, runId]);

  const status = state?.status ?? null;
  return (
    <div className="chat-run" data-testid="chat-run-card" data-run-id={runId} data-status={status ?? 'unknown'}>
      <Bot size={15} aria-hidden="true" className="chat-run__icon" />
      <div className="chat-run__body">
        <span className="chat-run__title" data-testid="chat-run-title">
          {title ?? (unreadable ? 'An agent run' : 'Loading the run…')}
        </span>
        <span className={`chat-run__status chat-run__status--${status ?? 'unknown'}`} data-testid="chat-run-status">
          {status ? RUN_STATUS_LABEL[status] : unreadable ? 'Status not available' : ''}
        </span>
      </div>
      <Button size="sm" variant="ghost" icon={<ExternalLink size={13} />} onClick={() => useRunView.getState().open(runId)} data-testid="chat-run-open">
        Open run
      </Button>
    </div>
  );
}
