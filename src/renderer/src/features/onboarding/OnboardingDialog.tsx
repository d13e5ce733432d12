import { CircleAlert, Cloud, Cpu, PartyPopper } from 'lucide-react';
import type { LlmStatus } from '../../../../shared/models/llm';
import { AI_SETTINGS, aiSettingsTab } from '../../../../shared/text/settings-names';
import { useStores } from '../../app/services';
import { describeMissing, isSetupComplete, PROVIDER_NAMES, useAiSettings } from '../ai-settings';
import { Button, Dialog } from '../../ui';
import { KeyStep } from './KeyStep';
import { OllamaStep } from './OllamaStep';
import { useOnboarding, type OnboardingPath } from './onboarding.store';
import './onboarding.css';

const PATHS: readonly { id: OnboardingPath; label: string; hint: string; icon: typeof Cpu }[] = [
  { id: 'ollama', label: 'Local Ollama', hint: 'Free and private, on this computer', icon: Cpu },
  { id: 'key', label: 'Cloud key', hint: 'Your own OpenAI or Anthropic key', icon: Cloud },
];

/**
 * The setup guide: Ollama (detect, download a model) or a cloud key, then "all set" — only once
 * creative, rewrite and structured work each have a model; until then it says what is missing.
 */
export function OnboardingDialog({ status }: { status: LlmStatus | null }) {
  const path = useOnboarding((s) => s.path);
  const { setPath, close, dismiss } = useOnboarding.getState();
  const ready = isSetupComplete(status);

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
          {status && <MissingNote status={status} />}
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

/** What setup still lacks, named: which work has no model, and which models its routes need. */
function MissingNote({ status }: { status: LlmStatus }) {
  return (
    <div className="onboarding-problem onboarding-missing" role="status" data-testid="onboarding-missing">
      <CircleAlert size={18} aria-hidden="true" />
      <p className="onboarding-problem__title">{describeMissing(status)}</p>
    </div>
  );
}

function DoneStep({ status }: { status: LlmStatus }) {
  const models = status.providers.filter((p) => p.reachable).flatMap((p) => p.models.map((m) => m.name));
  const writer = status.taskRoutes.find((r) => r.taskClass === 'creative')?.uses;
  return (
    <div className="onboarding-done" data-testid="onboarding-ready">
      <span className="onboarding-done__icon" aria-hidden="true">
        <PartyPopper size={26} />
      </span>
      <p>
        AI is ready for {status.readyTaskClasses.join(', ')}. Open a scene and select some text to rewrite it, or ask the assistant about your story.
      </p>
      {writer && (
        <p className="onboarding-done__models" data-testid="onboarding-model">
          Writing with <strong>{writer.model}</strong> ({PROVIDER_NAMES[writer.provider]}).
        </p>
      )}
      {models.length > 0 && <p className="onboarding-done__models">Models available: {models.slice(0, 6).join(', ')}{models.length > 6 ? '…' : ''}</p>}
      <p className="onboarding-done__hint">You can change models, keys and routes any time in {AI_SETTINGS}.</p>
    </div>
  );
}

/** A working key that no route uses yet would leave the writer stuck: point them at the routes. */
function KeyWithoutRoute({ status }: { status: LlmStatus | null }) {
  const { useKeys } = useStores();
  const worked = useKeys((s) => Object.values(s.notes).some((n) => n?.works === true));
  const openSettings = useAiSettings((s) => s.openSettings);
  if (!worked || !status || isSetupComplete(status)) return null;
  return (
    <p className="onboarding-text">
      Your key works, but the routes that are missing a model do not use that provider yet ({aiSettingsTab('Routes')}).{' '}
      <button type="button" className="ui-link-button" onClick={() => openSettings('routes')}>
        Add one of its models to the routes
      </button>
      .
    </p>
  );
}
