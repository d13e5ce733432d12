import { CircleAlert, CircleCheck, Download } from 'lucide-react';
import type { LlmStatus } from '../../../../shared/models/llm';
import { useStores } from '../../app/services';
import { hasModel, OllamaAddressForm, providerOf, PullControl } from '../ai-settings';
import { Spinner } from '../../ui';

/** Step 1: find Ollama at its address, list its models, or offer to download the recommended one. */
export function OllamaStep({ status }: { status: LlmStatus | null }) {
  const { usePull } = useStores();
  const pulling = usePull((s) => s.phase === 'pulling');
  return (
    <div className="onboarding-step">
      <div className="onboarding-status" data-testid="onboarding-ollama-status">
        <OllamaState status={status} />
      </div>
      {(pulling || canPull(status)) && status && (
        <div className="onboarding-pull">
          <PullControl model={status.recommendedOllamaModel} data-testid="onboarding-pull" />
        </div>
      )}
      <OllamaAddressForm data-testid="onboarding-ollama-url" />
    </div>
  );
}

function canPull(status: LlmStatus | null): boolean {
  const ollama = status ? providerOf(status, 'ollama') : undefined;
  if (!status || !ollama?.reachable) return false;
  return !hasModel(
    ollama.models.map((m) => m.name),
    status.recommendedOllamaModel,
  );
}

function OllamaState({ status }: { status: LlmStatus | null }) {
  if (!status) return <Spinner label="Looking for Ollama…" />;
  const ollama = providerOf(status, 'ollama');
  if (!ollama?.reachable) {
    return (
      <div className="onboarding-problem" role="alert">
        <CircleAlert size={18} aria-hidden="true" />
        <div>
          <p className="onboarding-problem__title">{ollama?.error?.message ?? `Ollama is not running at ${status.ollamaBaseUrl}.`}</p>
          <p className="onboarding-problem__help">
            Install Ollama from <strong>ollama.com</strong> and start it, then choose <em>Check again</em>. If it runs on another computer, change the
            address below.
          </p>
        </div>
      </div>
    );
  }
  const names = ollama.models.map((m) => m.name);
  if (names.length === 0) {
    return (
      <div className="onboarding-ok onboarding-ok--partial">
        <Download size={18} aria-hidden="true" />
        <p>
          Ollama is running at {status.ollamaBaseUrl}, but has no models yet. Download {status.recommendedOllamaModel} to start: it is a good all-round
          writing model.
        </p>
      </div>
    );
  }
  const missing = !hasModel(names, status.recommendedOllamaModel);
  return (
    <div className={`onboarding-ok${missing ? ' onboarding-ok--partial' : ''}`}>
      <CircleCheck size={18} aria-hidden="true" />
      <div>
        <p>
          Ollama is running with {names.length} {names.length === 1 ? 'model' : 'models'}.
          {missing && ` The recommended model, ${status.recommendedOllamaModel}, is not one of them.`}
        </p>
        <ul className="onboarding-models">
          {names.map((name) => (
            <li key={name}>{name}</li>
          ))}
        </ul>
      </div>
    </div>
  );
}
