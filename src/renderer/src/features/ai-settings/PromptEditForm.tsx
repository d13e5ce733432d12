import { useState } from 'react';
import type { PromptVersion } from '../../../../shared/models/prompts';
import { useStores } from '../../app/services';
import { Button, Form, TextArea, TextField } from '../../ui';

/**
 * Edits the templates of the active version. Saving makes a new version (the old one stays in
 * the history) and needs a short summary for the audit trail.
 */
export function PromptEditForm({ version }: { version: PromptVersion }) {
  const { usePrompts } = useStores();
  const [system, setSystem] = useState(version.definition.system);
  const [user, setUser] = useState(version.definition.user);
  const [summary, setSummary] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [tried, setTried] = useState(false);
  const [saving, setSaving] = useState(false);
  const changed = system !== version.definition.system || user !== version.definition.user;
  const summaryError = tried && !summary.trim() ? 'Say in a few words what you changed.' : null;

  const save = async () => {
    setTried(true);
    if (!summary.trim() || !changed) return;
    setSaving(true);
    const refused = await usePrompts.getState().edit({ system, user, summary: summary.trim() });
    setSaving(false);
    setError(refused);
  };

  const names = version.definition.variables.map((v) => `{{${v.name}}}`).join(', ');
  return (
    <Form className="ai-prompt-edit" onSubmit={save}>
      <TextArea label="System" rows={8} value={system} onChange={(event) => setSystem(event.target.value)} spellCheck={false} data-testid="prompt-system" />
      <TextArea
        label="User"
        rows={6}
        value={user}
        onChange={(event) => setUser(event.target.value)}
        hint={names ? `Variables you can use: ${names}` : undefined}
        spellCheck={false}
        data-testid="prompt-user"
      />
      <TextField
        label="What did you change?"
        placeholder="e.g. Ask for shorter paragraphs"
        value={summary}
        onChange={(event) => setSummary(event.target.value)}
        error={summaryError}
        maxLength={500}
        data-testid="prompt-summary"
      />
      {error && (
        <p className="ai-note ai-note--danger" role="alert" data-testid="prompt-edit-error">
          {error}
        </p>
      )}
      <div className="ai-prompt-edit__buttons">
        {!changed && <span className="ai-muted">Change a template to save a new version.</span>}
        <Button onClick={() => usePrompts.getState().setPane('view')}>Cancel</Button>
        <Button type="submit" variant="primary" busy={saving} disabled={!changed} data-testid="prompt-save">
          Save as new version
        </Button>
      </div>
    </Form>
  );
}
