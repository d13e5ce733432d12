import type { JSX } from 'react';
import type { RunStep } from '../../../../shared/models/runs';
import { displayValue, formatCost, formatDuration } from './run-format';

/** Figures of one step: model, prompt version, tokens, cost and time per stage. */
export function StepFigures({ step }: { step: RunStep }): JSX.Element {
  const stages = [
    ['Context', step.timings.contextMs],
    ['Model', step.timings.modelMs],
    ['Validation', step.timings.validateMs],
    ['Policy', step.timings.policyMs],
  ] as const;
  return (
    <dl className="run-step__figures" data-testid="step-figures">
      {step.model && (
        <div>
          <dt>Model</dt>
          <dd>{step.model}</dd>
        </div>
      )}
      {step.promptId && (
        <div>
          <dt>Prompt</dt>
          <dd>
            {step.promptId}
            {step.promptVersion !== null && ` v${step.promptVersion}`}
          </dd>
        </div>
      )}
      <div>
        <dt>Tokens</dt>
        <dd>
          {step.tokensIn.toLocaleString()} in · {step.tokensOut.toLocaleString()} out
        </dd>
      </div>
      <div>
        <dt>Cost</dt>
        <dd>{formatCost(step.costUsd)}</dd>
      </div>
      {step.attempts > 1 && (
        <div>
          <dt>Attempts</dt>
          <dd>{step.attempts}</dd>
        </div>
      )}
      {stages.map(([label, ms]) =>
        ms === undefined ? null : (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{formatDuration(ms)}</dd>
          </div>
        ),
      )}
      <div>
        <dt>Trace</dt>
        <dd className="run-mono">{step.traceId}</dd>
      </div>
    </dl>
  );
}

/** A value shown as it reads best: prose wraps, JSON is indented. */
export function ValueView({ value, label }: { value: unknown; label: string }): JSX.Element {
  const shown = displayValue(value);
  return shown.kind === 'json' ? (
    <pre className="run-value run-value--json" aria-label={label}>
      {shown.text}
    </pre>
  ) : (
    <div className="run-value run-value--prose" aria-label={label}>
      {shown.text}
    </div>
  );
}

/** The step's inputs and output, folded away until asked for. */
export function StepInputsOutputs({ step }: { step: RunStep }): JSX.Element {
  const inputs = Object.entries(step.input);
  return (
    <>
      {inputs.length > 0 && (
        <details className="run-step__io">
          <summary>Inputs ({inputs.length})</summary>
          <dl>
            {inputs.map(([name, value]) => (
              <div key={name}>
                <dt className="run-mono">{name}</dt>
                <dd>
                  <ValueView value={value} label={`Input ${name}`} />
                </dd>
              </div>
            ))}
          </dl>
        </details>
      )}
      {step.output !== null && step.output !== undefined && (
        <details className="run-step__io">
          <summary>Output</summary>
          <ValueView value={step.output} label="Output" />
        </details>
      )}
    </>
  );
}
