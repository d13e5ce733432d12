import { RefreshCw } from 'lucide-react';
import { useState } from 'react';
import { useStores } from '../../app/services';
import { errorMessage } from '../../lib/api';
import { Button, Form, TextField } from '../../ui';
import { ollamaUrlProblem } from './ai-format';

export interface OllamaAddressFormProps {
  'data-testid'?: string;
}

/** The Ollama address: edit it and Nova Studio re-checks at once; unchanged, the button just checks again. */
export function OllamaAddressForm({ 'data-testid': testId = 'ollama-url' }: OllamaAddressFormProps) {
  const { useLlmStatus } = useStores();
  const current = useLlmStatus((s) => s.status?.ollamaBaseUrl ?? '');
  const checking = useLlmStatus((s) => s.checking);
  const [value, setValue] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const shown = value ?? current;
  const changed = value !== null && value.trim() !== current;

  const submit = async () => {
    if (!changed) {
      await useLlmStatus.getState().load();
      return;
    }
    const problem = ollamaUrlProblem(shown);
    setError(problem);
    if (problem) return;
    try {
      await useLlmStatus.getState().setOllamaUrl(shown.trim());
      setValue(null);
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  return (
    <Form className="ai-inline-form" onSubmit={submit}>
      <TextField
        label="Ollama address"
        value={shown}
        onChange={(event) => {
          setValue(event.target.value);
          setError(null);
        }}
        error={error}
        hint="Where Ollama runs. The default is http://127.0.0.1:11434."
        spellCheck={false}
        autoCapitalize="off"
        inputMode="url"
        data-testid={testId}
      />
      <Button type="submit" busy={checking} icon={<RefreshCw size={15} />} data-testid={`${testId}-save`}>
        {changed ? 'Save and check' : 'Check again'}
      </Button>
    </Form>
  );
}
