import { KeyRound } from 'lucide-react';
import { useStores } from '../../app/services';
import { Button, Spinner } from '../../ui';
import { useAiSettings } from './ai-settings.store';
import { OllamaAddressForm } from './OllamaAddressForm';
import { ProviderStatusList } from './ProviderStatusList';
import { PullControl } from './PullControl';
import { RouteModels } from './RouteModels';
import { providerOf } from './status-summary';

/** Models tab: where Ollama is, what every provider offers, which model each route uses (and which Ollama tag), and downloading a model. */
export function ModelsTab() {
  const { useLlmStatus, usePull } = useStores();
  const status = useLlmStatus((s) => s.status);
  const error = useLlmStatus((s) => s.error);
  const setTab = useAiSettings((s) => s.setTab);
  const ollama = status ? providerOf(status, 'ollama') : undefined;
  const pulling = usePull((s) => s.phase === 'pulling');

  return (
    <div className="ai-tab" data-testid="ai-models">
      <section className="ai-section">
        <h3 className="ai-section__title">Ollama on this computer</h3>
        <p className="ai-section__text">
          Ollama runs models locally: your writing never leaves this machine. If it is not installed yet, get it from <strong>ollama.com</strong>, start
          it, then check again.
        </p>
        <OllamaAddressForm />
      </section>

      <section className="ai-section">
        <div className="ai-section__head">
          <h3 className="ai-section__title">Providers</h3>
          <Button size="sm" variant="ghost" icon={<KeyRound size={14} />} onClick={() => setTab('keys')}>
            Manage keys
          </Button>
        </div>
        {status ? (
          <ProviderStatusList status={status} />
        ) : error ? (
          <p className="ai-note ai-note--danger" role="alert">
            {error}
          </p>
        ) : (
          <Spinner label="Checking providers…" />
        )}
      </section>

      {status && <RouteModels status={status} />}

      <section className="ai-section">
        <h3 className="ai-section__title">Download an Ollama model</h3>
        {ollama?.reachable || pulling ? (
          <PullControl model={status?.recommendedOllamaModel ?? 'llama3.2'} editable data-testid="models-pull" />
        ) : (
          <p className="ai-muted">Start Ollama to download models.</p>
        )}
      </section>
    </div>
  );
}
