import { useState } from 'react';
import type { CloudProvider } from '../../../../shared/models/llm';
import { KeyForm, KeyNoteLine } from '../ai-settings';
import { Select } from '../../ui';

const PROVIDERS = [
  { value: 'openai', label: 'OpenAI' },
  { value: 'anthropic', label: 'Anthropic' },
] as const;

/** The other way in: the writer's own OpenAI or Anthropic key, checked as soon as it is saved. */
export function KeyStep() {
  const [provider, setProvider] = useState<CloudProvider>('openai');
  return (
    <div className="onboarding-step">
      <p className="onboarding-text">
        Your key stays on this computer, in the system keychain, and is sent only to its own provider. Calls to a cloud model cost money on your
        account with that provider.
      </p>
      <Select<CloudProvider> label="Provider" value={provider} options={PROVIDERS} onChange={setProvider} data-testid="onboarding-key-provider" />
      <KeyForm key={provider} provider={provider} inputTestId="onboarding-key-input" saveTestId="onboarding-key-save" />
      <KeyNoteLine provider={provider} data-testid="onboarding-key-result" />
    </div>
  );
}
