import { Check } from 'lucide-react';
import { useState } from 'react';
import type { CloudProvider } from '../../../../shared/models/llm';
import { useStores } from '../../app/services';
import { Button, Form, TextField } from '../../ui';
import { PROVIDER_NAMES } from './ai-format';

export interface KeyFormProps {
  provider: CloudProvider;
  /** True when a key is stored already (the form then replaces it). */
  replacing?: boolean;
  inputTestId?: string;
  saveTestId?: string;
}

const PLACEHOLDERS: Record<CloudProvider, string> = { openai: 'sk-…', anthropic: 'sk-ant-…' };

/**
 * A password field for a key and a Save button. The field is emptied once the key is stored:
 * the key is never shown again, only its last four characters.
 */
export function KeyForm({ provider, replacing = false, inputTestId, saveTestId }: KeyFormProps) {
  const { useKeys } = useStores();
  const [key, setKey] = useState('');
  const saving = useKeys((s) => s.busy[provider] === 'saving');
  const name = PROVIDER_NAMES[provider] ?? provider;

  const submit = async () => {
    if (!key.trim()) return;
    if (await useKeys.getState().save(provider, key)) setKey('');
  };

  return (
    <Form className="ai-inline-form" onSubmit={submit}>
      <TextField
        label={replacing ? `Replace the ${name} key` : `${name} API key`}
        hideLabel={replacing}
        type="password"
        autoComplete="off"
        spellCheck={false}
        placeholder={replacing ? 'Paste a new key to replace the saved one' : PLACEHOLDERS[provider]}
        value={key}
        onChange={(event) => {
          setKey(event.target.value);
          useKeys.getState().clearNote(provider);
        }}
        data-testid={inputTestId ?? `key-input-${provider}`}
      />
      <Button type="submit" variant={replacing ? 'secondary' : 'primary'} busy={saving} disabled={!key.trim()} icon={<Check size={15} />} data-testid={saveTestId ?? `key-save-${provider}`}>
        {replacing ? 'Replace' : 'Save key'}
      </Button>
    </Form>
  );
}

/** The last word on a provider's key: works, rejected, removed, or why saving failed. */
export function KeyNoteLine({ provider, 'data-testid': testId }: { provider: CloudProvider; 'data-testid'?: string }) {
  const { useKeys } = useStores();
  const note = useKeys((s) => s.notes[provider]);
  if (!note) return null;
  return (
    <p className={`ai-note ai-note--${note.tone}`} role={note.tone === 'success' ? 'status' : 'alert'} data-testid={testId ?? `key-note-${provider}`}>
      {note.text}
    </p>
  );
}
