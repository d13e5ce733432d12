import { ShieldCheck, Trash2 } from 'lucide-react';
import { useEffect, useState } from 'react';
import type { CloudProvider } from '../../../../shared/models/llm';
import { useStores } from '../../app/services';
import { Button, ConfirmDialog, Spinner } from '../../ui';
import { PROVIDER_NAMES } from './ai-format';
import { KeyForm, KeyNoteLine } from './KeyForm';

const PROVIDERS: readonly { id: CloudProvider; about: string }[] = [
  { id: 'openai', about: 'GPT models and embeddings. Create a key at platform.openai.com → API keys.' },
  { id: 'anthropic', about: 'Claude models. Create a key at console.anthropic.com → API keys.' },
];

/** Keys tab: bring your own OpenAI and Anthropic keys. */
export function KeysTab() {
  const { useKeys } = useStores();
  const loaded = useKeys((s) => s.loaded);
  const loadError = useKeys((s) => s.loadError);

  useEffect(() => {
    void useKeys.getState().load();
  }, [useKeys]);

  return (
    <div className="ai-tab" data-testid="ai-keys">
      <p className="ai-callout">
        <ShieldCheck size={16} aria-hidden="true" />
        <span>
          Keys are kept in your system’s keychain and go only to their own provider. After you save a key, Nova Studio shows just its last four
          characters.
        </span>
      </p>
      {!loaded ? (
        <Spinner label="Reading your keys…" />
      ) : loadError ? (
        <p className="ai-note ai-note--danger" role="alert">
          {loadError}
        </p>
      ) : (
        PROVIDERS.map((p) => <KeyRow key={p.id} provider={p.id} about={p.about} />)
      )}
    </div>
  );
}

function KeyRow({ provider, about }: { provider: CloudProvider; about: string }) {
  const { useKeys } = useStores();
  const status = useKeys((s) => s.keys.find((k) => k.provider === provider));
  const busy = useKeys((s) => s.busy[provider]);
  const [confirming, setConfirming] = useState(false);
  const name = PROVIDER_NAMES[provider] ?? provider;
  const configured = status?.configured === true;

  return (
    <section className="ai-section ai-key" data-testid={`key-row-${provider}`}>
      <div className="ai-section__head">
        <h3 className="ai-section__title">{name}</h3>
        {configured ? (
          <span className="ai-key__masked" data-testid={`key-masked-${provider}`}>
            {status?.masked}
          </span>
        ) : (
          <span className="ui-badge">No key</span>
        )}
        {configured && (
          <div className="ai-key__actions">
            <Button size="sm" busy={busy === 'testing'} onClick={() => void useKeys.getState().test(provider)} data-testid={`key-test-${provider}`}>
              Test
            </Button>
            <Button size="sm" variant="ghost" icon={<Trash2 size={14} />} onClick={() => setConfirming(true)} data-testid={`key-remove-${provider}`}>
              Remove
            </Button>
          </div>
        )}
      </div>
      <p className="ai-section__text">{about}</p>
      <KeyForm provider={provider} replacing={configured} />
      <KeyNoteLine provider={provider} />
      <ConfirmDialog
        open={confirming}
        title={`Remove the ${name} key?`}
        message={<p>Nova Studio will forget this key. Routes that use {name} will fall back to other models until you add a key again.</p>}
        confirmLabel="Remove key"
        danger
        busy={busy === 'removing'}
        onConfirm={() => {
          setConfirming(false);
          void useKeys.getState().remove(provider);
        }}
        onCancel={() => setConfirming(false)}
      />
    </section>
  );
}
