import { useState, type JSX } from 'react';
import type { Run, RunStep } from '../../../../shared/models/runs';
import { Button, StreamTail, TextArea } from '../../ui';
import { elapsed, formatCost, formatDuration, STEP_STATUS_LABEL } from './run-format';
import { StepFigures, StepInputsOutputs } from './StepDetails';
import { useStepText } from './use-step-stream';

export interface StepActions {
  decide(stepKey: string, action: 'retry' | 'skip' | 'cancel'): Promise<void>;
  answer(text: string): Promise<void>;
}

/** The writer's answer to the question an `ask` step put. */
function AnswerBox({ question, onAnswer }: { question: string; onAnswer: (text: string) => Promise<void> }): JSX.Element {
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  return (
    <form
      className="run-step__answer"
      aria-label="Answer the question"
      onSubmit={(event) => {
        event.preventDefault();
        if (!text.trim() || busy) return;
        setBusy(true);
        onAnswer(text.trim()).then(
          () => setText(''),
          () => undefined,
        ).finally(() => setBusy(false));
      }}
    >
      <p className="run-step__question">{question}</p>
      <TextArea label="Your answer" rows={3} value={text} onChange={(e) => setText(e.target.value)} data-testid="run-answer" />
      <Button type="submit" variant="primary" size="sm" busy={busy} disabled={!text.trim()}>
        Send answer
      </Button>
    </form>
  );
}

/** What a failed step says, and the writer's three ways on: try it again, go on without it, or stop. */
function FailedStep({ step, actions }: { step: RunStep; actions: StepActions }): JSX.Element {
  const [busy, setBusy] = useState<string | null>(null);
  const act = (action: 'retry' | 'skip' | 'cancel') => {
    setBusy(action);
    void actions
      .decide(step.key, action)
      .catch(() => undefined)
      .finally(() => setBusy(null));
  };
  return (
    <div className="run-step__failure" role="alert">
      <p data-testid="step-error">
        {step.error?.message ?? 'This step did not finish.'}
        {step.error && <span className="run-step__code"> ({step.error.code})</span>}
      </p>
      <div className="run-step__actions">
        <Button size="sm" variant="primary" busy={busy === 'retry'} disabled={busy !== null} onClick={() => act('retry')}>
          Retry step
        </Button>
        <Button size="sm" busy={busy === 'skip'} disabled={busy !== null} onClick={() => act('skip')}>
          Skip step
        </Button>
        <Button size="sm" variant="danger" busy={busy === 'cancel'} disabled={busy !== null} onClick={() => act('cancel')}>
          Cancel run
        </Button>
      </div>
    </div>
  );
}

/** One step (or one branch of a fanned-out step) on the timeline. */
export function RunStepCard({ run, step, label, now, actions }: { run: Run; step: RunStep; label: string; now: number; actions: StepActions }): JSX.Element {
  const { text, streaming } = useStepText(step);
  const took = elapsed(step.startedAt, step.finishedAt, now);
  const decisionWanted = run.wait?.kind === 'step-failed' && run.wait.stepKey === step.key;
  const question = run.wait?.kind === 'question' && run.wait.stepKey === step.key ? run.wait.question : null;
  return (
    <article className={`run-step is-${step.status}`} aria-label={`${label}: ${STEP_STATUS_LABEL[step.status]}`} data-testid="run-step" data-key={step.key} data-status={step.status}>
      <header className="run-step__head">
        <span className={`run-status-dot is-${step.status}`} aria-hidden="true" />
        <span className="run-step__title">{label}</span>
        <span className="run-step__status">{STEP_STATUS_LABEL[step.status]}</span>
      </header>
      <p className="run-step__meta">
        {step.agentId ?? step.kind}
        {step.capability && ` · ${step.capability}`}
        {took !== null && ` · ${formatDuration(took)}`}
        {step.tokensIn + step.tokensOut > 0 && ` · ${(step.tokensIn + step.tokensOut).toLocaleString()} tokens`}
        {step.costUsd > 0 && ` · ${formatCost(step.costUsd)}`}
      </p>
      {(text || streaming) && (
        <div className="run-step__text" aria-live={streaming ? 'polite' : undefined} data-testid="step-text">
          {text}
          <StreamTail streaming={streaming} empty={text === ''} />
        </div>
      )}
      {step.status === 'failed' && decisionWanted && <FailedStep step={step} actions={actions} />}
      {step.status === 'failed' && !decisionWanted && step.error && (
        <p className="run-step__failure" data-testid="step-error">
          {step.error.message}
        </p>
      )}
      {question !== null && <AnswerBox question={question} onAnswer={actions.answer} />}
      <details className="run-step__io">
        <summary>Details</summary>
        <StepFigures step={step} />
      </details>
      <StepInputsOutputs step={step} />
    </article>
  );
}
