import { Download, X } from 'lucide-react';
import { useState } from 'react';
import { useStores } from '../../app/services';
import { Button, Form, ProgressBar, TextField } from '../../ui';
import { approxModelSize, describePull } from './ai-format';

export interface PullControlProps {
  /** The model to offer (onboarding: the recommended one) or to prefill. */
  model: string;
  /** Onboarding offers one model; settings lets the user type any name. */
  editable?: boolean;
  /** Test id of the download button. */
  'data-testid'?: string;
}

/** Downloads an Ollama model: a button, then a progress bar with Cancel, then the outcome. */
export function PullControl({ model, editable = false, 'data-testid': testId }: PullControlProps) {
  const { usePull } = useStores();
  const phase = usePull((s) => s.phase);
  const pulled = usePull((s) => s.model);
  const error = usePull((s) => s.error);
  const startPull = usePull((s) => s.start);
  const [name, setName] = useState(editable ? '' : model);
  const target = (editable ? name : model).trim();
  const size = approxModelSize(target);

  if (phase === 'pulling') return <PullProgressView />;

  const start = () => void startPull(target);
  const outcome =
    pulled && (phase === 'error' || phase === 'cancelled' || phase === 'done') ? (
      <p className={`ai-note ai-note--${phase === 'done' ? 'success' : phase === 'error' ? 'danger' : 'warning'}`} role={phase === 'error' ? 'alert' : 'status'}>
        {phase === 'done' && `${pulled} is downloaded and ready.`}
        {phase === 'cancelled' && `The download of ${pulled} was stopped.`}
        {phase === 'error' && error}
      </p>
    ) : null;

  if (!editable) {
    return (
      <div className="ai-pull">
        <Button variant="primary" icon={<Download size={16} />} onClick={start} data-testid={testId}>
          Download {model}
          {size ? ` (${size})` : ''}
        </Button>
        {outcome}
      </div>
    );
  }
  return (
    <Form
      className="ai-pull ai-pull--form"
      onSubmit={() => {
        if (target) start();
      }}
    >
      <div className="ai-inline-form">
        <TextField
          label="Model name"
          placeholder={`e.g. ${model}`}
          value={name}
          onChange={(event) => setName(event.target.value)}
          hint={size ? `${target}: ${size}.` : 'A name from ollama.com/library, like llama3.2 or mistral.'}
          spellCheck={false}
          autoCapitalize="off"
          data-testid="models-pull-name"
        />
        <Button type="submit" icon={<Download size={15} />} disabled={!target} data-testid={testId}>
          Download
        </Button>
      </div>
      {outcome}
    </Form>
  );
}

/** The running download: what happens, how much, and a way to stop it. */
export function PullProgressView() {
  const { usePull } = useStores();
  const model = usePull((s) => s.model);
  const progress = usePull((s) => s.progress);
  const cancel = usePull((s) => s.cancel);
  const view = describePull(progress);
  return (
    <div className="ai-pull-progress" data-testid="pull-progress" aria-live="polite">
      <div className="ai-pull-progress__head">
        <span className="ai-pull-progress__title">
          {view.label} <strong>{model}</strong>
        </span>
        <span className="ai-pull-progress__amount">
          {view.amount}
          {view.percent !== null && ` · ${view.percent}%`}
        </span>
      </div>
      {view.percent === null ? (
        <div className="ai-indeterminate" role="progressbar" aria-label={`Downloading ${model ?? 'the model'}`} />
      ) : (
        <ProgressBar value={view.percent} max={100} label={`Downloading ${model ?? 'the model'}`} />
      )}
      <div className="ai-pull-progress__foot">
        <span className="ai-muted">You can keep writing while it downloads.</span>
        <Button size="sm" variant="ghost" icon={<X size={14} />} onClick={() => void cancel()} data-testid="pull-cancel">
          Cancel
        </Button>
      </div>
    </div>
  );
}
