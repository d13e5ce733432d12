import { Cloud, Cpu, PartyPopper } from 'lucide-react';
import type { LlmStatus } from '../../../../shared/models/llm';
import { useStores } from '../../app/services';
import { useAiSettings } from '../ai-settings';
import { Button, Dialog } from '../../ui';
import { KeyStep } from './KeyStep';
import { OllamaStep } from './OllamaStep';
import { useOnboarding, type OnboardingPath } from './onboarding.store';
import './onboarding.css';

const PATHS: readonly { id: OnboardingPath; label: string; hint: string; icon: typeof Cpu }[] = [
  { id: 'ollama', label: 'Local Ollama', hint: 'Free and private, on this computer', icon: Cpu },
  { id: 'key', label: 'Cloud key', hint: 'Your own OpenAI or Anthropic key', icon: Cloud },
];

/** The setup guide: Ollama (detect, download a model) or a cloud key, then "all set". */
export function OnboardingDialog({ status }: { status: LlmStatus | null }) {
  const path = useOnboarding((s) => s.path);
  const { setPath, close, dismiss } = useOnboarding.getState();
  const ready = (status?.readyTaskClasses.length ?? 0) > 0;

  return (
    <Dialog
      open
      onClose={close}
      title={ready ? 'You’re all set' : 'Set up AI writing'}
      description="Nova Studio writes with AI models that run on your computer (Ollama) or your own OpenAI / Anthropic key."
      data-testid="onboarding"
      closeOnBackdrop={false}
      footer={
        ready ? (
          <Button variant="primary" onClick={close} data-testid="onboarding-done">
            Start writing
          </Button>
        ) : (
          <Button variant="ghost" onClick={dismiss} data-testid="onboarding-dismiss">
            Set up later
          </Button>
        )
      }
    >
      {ready && status ? (
        <DoneStep status={status} />
      ) : (
        <>
          <div className="onboarding-paths" role="radiogroup" aria-label="How to run AI">
            {PATHS.map((p) => (
              <button
                key={p.id}
                type="button"
                role="radio"
                aria-checked={path === p.id}
                className={`onboarding-path${path === p.id ? ' is-active' : ''}`}
                onClick={() => setPath(p.id)}
                data-testid={`onboarding-path-${p.id}`}
              >
                <p.icon size={18} aria-hidden="true" />
                <span className="onboarding-path__label">{p.label}</span>
                <span className="onboarding-path__hint">{p.hint}</span>
              </button>
            ))}
          </div>
          {path === 'ollama' ? <OllamaStep status={status} /> : <KeyStep />}
          <KeyWithoutRoute status={status} />
        </>
      )}
    </Dialog>
  );
}

function DoneStep({ status }: { status: LlmStatus }) {
  const models = status.providers.filter((p) => p.reachable).flatMap((p) => p.models.map((m) => m.name));
  return (
    <div className="onboarding-done" data-testid="onboarding-ready">
      <span className="onboarding-done__icon" aria-hidden="true">
        <PartyPopper size={26} />
      </span>
      <p>
        AI is ready for {status.readyTaskClasses.join(', ')}. Open a scene and select some text to rewrite it, or ask the assistant about your story.
      </p>
      {models.length > 0 && <p className="onboarding-done__models">Models available: {models.slice(0, 6).join(', ')}{models.length > 6 ? '…' : ''}</p>}
      <p className="onboarding-done__hint">You can change models, keys and routes any time in Preferences → AI settings.</p>
    </div>
  );
}

/** A working key that no route uses yet would leave the writer stuck: point them at the routes. */
function KeyWithoutRoute({ status }: { status: LlmStatus | null }) {
  const { useKeys } = useStores();
  const worked = useKeys((s) => Object.values(s.notes).some((n) => n?.works === true));
  const openSettings = useAiSettings((s) => s.openSettings);
  if (!worked || !status || status.readyTaskClasses.length > 0) return null;
  return (
    <p className="onboarding-text">
      Your key works, but no route uses that provider yet.{' '}
      <button type="button" className="ui-link-button" onClick={() => openSettings('routes')}>
        Add one of its models to the routes
      </button>
      .
    </p>
  );
}
