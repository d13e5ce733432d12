import { ArrowLeft, Copy } from 'lucide-react';
import { useEffect, useState, type JSX } from 'react';
import type { Proposal, RunDetail } from '../../../../shared/models/runs';
import { useStores } from '../../app/services';
import { Button, EmptyState, IconButton, notify, Spinner } from '../../ui';
import { copyText } from '../chat/clipboard';
import { ProposalList } from '../proposals';
import { elapsed, formatCost, formatDuration, groupStatus, groupSteps, isActive, RUN_STATUS_LABEL, STEP_STATUS_LABEL } from './run-format';
import { RunStepCard, type StepActions } from './RunStepCard';
import { useRunView } from './run-view.store';

/** A clock for running times: ticks each second while the run can still change. */
function useNow(active: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return undefined;
    const timer = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(timer);
  }, [active]);
  return now;
}

/** The newer of two copies of a proposal: a decision outlives the pending version it replaced. */
const newer = (a: Proposal, b: Proposal | undefined) => (b && (b.decidedAt ?? 0) > (a.decidedAt ?? 0) ? b : a);

function RunHeader({ detail, now, onCancel }: { detail: RunDetail; now: number; onCancel: () => void }): JSX.Element {
  const { run } = detail;
  const took = elapsed(run.startedAt, run.finishedAt, now);
  return (
    <header className="run-view__head">
      <h2 className="run-view__title">{run.title}</h2>
      <p className="run-view__status">
        <span className={`run-status-dot is-${run.status}`} aria-hidden="true" />
        <span data-testid="run-status">{RUN_STATUS_LABEL[run.status]}</span>
      </p>
      {run.error && (
        <p className="run-view__error" role="alert">
          {run.error.message}
        </p>
      )}
      <dl className="run-view__totals">
        <div>
          <dt>Tokens</dt>
          <dd data-testid="run-tokens">{(run.tokensIn + run.tokensOut).toLocaleString()}</dd>
        </div>
        <div>
          <dt>Cost</dt>
          <dd data-testid="run-cost">{formatCost(run.costUsd)}</dd>
        </div>
        <div>
          <dt>Time</dt>
          <dd>{took === null ? '—' : formatDuration(took)}</dd>
        </div>
        <div className="run-view__trace">
          <dt>Trace id</dt>
          <dd>
            <span className="run-mono" data-testid="run-trace-id">
              {run.traceId}
            </span>
            <IconButton
              size="sm"
              label="Copy trace id"
              icon={<Copy size={13} />}
              onClick={() => copyText(run.traceId).then(() => notify.success('Trace id copied.'), (error: unknown) => notify.error(error, { title: 'Could not copy' }))}
            />
          </dd>
        </div>
      </dl>
      {isActive(run.status) && (
        <Button size="sm" variant="danger" onClick={onCancel}>
          Cancel run
        </Button>
      )}
    </header>
  );
}

/** A run: its header and totals, the timeline of steps (branches under their step) and its proposals. */
export function RunView({ runId }: { runId: string }): JSX.Element {
  const { useRuns, useProposals } = useStores();
  const detail = useRuns((s) => (s.detail?.run.id === runId ? s.detail : null));
  const status = useRuns((s) => s.detailStatus);
  const error = useRuns((s) => s.detailError);
  const inbox = useProposals((s) => s.proposals);
  const now = useNow(detail !== null && isActive(detail.run.status));

  useEffect(() => {
    void useRuns.getState().openDetail(runId);
    return () => useRuns.getState().closeDetail();
  }, [runId, useRuns]);

  const back = (
    <Button size="sm" variant="ghost" icon={<ArrowLeft size={14} />} onClick={() => useRunView.getState().close()}>
      All runs
    </Button>
  );
  if (!detail) {
    return (
      <div className="crew-section run-view" data-testid="run-view">
        <div className="crew-section__bar">{back}</div>
        {status === 'error' ? (
          <EmptyState size="sm" title="This run could not be loaded" action={<Button onClick={() => void useRuns.getState().openDetail(runId)}>Try again</Button>}>
            {error}
          </EmptyState>
        ) : (
          <div className="ui-panel__center">
            <Spinner label="Loading the run…" />
          </div>
        )}
      </div>
    );
  }

  const run = detail.run;
  const guarded = (work: () => Promise<void>, title: string) => work().catch((failure: unknown) => {
    notify.error(failure, { title });
    throw failure;
  });
  const actions: StepActions = {
    decide: (stepKey, action) => guarded(() => useRuns.getState().decide(run.id, stepKey, action), 'Could not do that'),
    answer: (text) => guarded(() => useRuns.getState().answer(run.id, text), 'Could not send the answer'),
  };
  const fromInbox = new Map(inbox.map((p) => [p.id, p]));
  const proposals = detail.proposals.map((p) => newer(p, fromInbox.get(p.id)));

  return (
    <div className="crew-section run-view" data-testid="run-view">
      <div className="crew-section__bar">{back}</div>
      <div className="crew-section__scroll">
        <RunHeader detail={detail} now={now} onCancel={() => void guarded(() => useRuns.getState().cancel(run.id), 'Could not cancel the run').catch(() => undefined)} />
        <ol className="run-timeline" aria-label="Steps">
          {groupSteps(run, detail.steps).map((group) => (
            <li key={group.stepId} className="run-timeline__item" data-testid="run-step-group" data-step={group.stepId}>
              {group.step ? (
                <RunStepCard run={run} step={group.step} label={group.step.title} now={now} actions={actions} />
              ) : group.branches.length === 0 ? (
                <p className="run-step is-pending">
                  <span className="run-status-dot is-pending" aria-hidden="true" /> {group.title} — {STEP_STATUS_LABEL.pending}
                </p>
              ) : (
                <section aria-label={`${group.title}: ${STEP_STATUS_LABEL[groupStatus(group)]}`}>
                  <h3 className="run-timeline__group">
                    {group.title} <span className="run-step__status">{group.branches.length} in parallel · {STEP_STATUS_LABEL[groupStatus(group)]}</span>
                  </h3>
                  <ol className="run-timeline__branches">
                    {group.branches.map((branch) => (
                      <li key={branch.key}>
                        <RunStepCard run={run} step={branch} label={`${group.title} ${(branch.index ?? 0) + 1}`} now={now} actions={actions} />
                      </li>
                    ))}
                  </ol>
                </section>
              )}
            </li>
          ))}
        </ol>
        {proposals.length > 0 && (
          <section className="run-view__proposals" aria-label="Proposals of this run">
            <h3 className="run-timeline__group">Proposals</h3>
            <ProposalList proposals={proposals} label="Proposals of this run" />
          </section>
        )}
      </div>
    </div>
  );
}
