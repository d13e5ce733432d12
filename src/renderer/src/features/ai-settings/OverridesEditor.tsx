import { Plus, Trash2 } from 'lucide-react';
import { useId, useState } from 'react';
import type { ModelRef } from '../../../../shared/models/llm';
import { Button, IconButton, TextField } from '../../ui';
import type { ConfigIssue } from './route-edit';
import { withoutKey } from './route-edit';
import { RouteList } from './RouteList';

export interface OverridesEditorProps {
  kind: 'prompts' | 'agents';
  value: Readonly<Record<string, ModelRef[]>>;
  onChange: (next: Record<string, ModelRef[]>) => void;
  /** Ids to suggest (prompt ids from the registry). */
  suggestions: readonly string[];
  /** The route a new override starts from. */
  starter: readonly ModelRef[];
  issues: readonly ConfigIssue[];
}

const ID_PATTERN = /^[a-z0-9][a-z0-9_-]{0,99}$/i;

/** Per-prompt or per-agent routes: an id and its own fallback list, used instead of the task class's. */
export function OverridesEditor({ kind, value, onChange, suggestions, starter, issues }: OverridesEditorProps) {
  const [id, setId] = useState('');
  const [error, setError] = useState<string | null>(null);
  const listId = useId();
  const noun = kind === 'prompts' ? 'prompt' : 'agent';
  const article = kind === 'prompts' ? 'a' : 'an';
  const entries = Object.entries(value);

  const add = () => {
    const key = id.trim();
    if (!ID_PATTERN.test(key)) return setError(`Enter the ${noun} id, like ${kind === 'prompts' ? '“chat”' : '“writer”'}.`);
    if (Object.hasOwn(value, key)) return setError(`“${key}” has its own route already.`);
    onChange({ ...value, [key]: starter.map((ref) => ({ ...ref })) });
    setId('');
    setError(null);
  };

  return (
    <div className="ai-overrides" data-testid={`overrides-${kind}`}>
      {entries.length === 0 && <p className="ai-muted">No {noun} has its own route: every {noun} follows its task class.</p>}
      {entries.map(([key, refs]) => (
        <div key={key} className="ai-override">
          <div className="ai-override__head">
            <code className="ai-override__id">{key}</code>
            <IconButton label={`Remove the route of “${key}”`} size="sm" icon={<Trash2 size={14} />} onClick={() => onChange(withoutKey(value, key))} />
          </div>
          <RouteList value={refs} onChange={(next) => onChange({ ...value, [key]: next })} taskClass={null} path={`${kind}.${key}`} issues={issues} label={`Route of ${noun} ${key}`} />
        </div>
      ))}
      <div className="ai-inline-form">
        <TextField
          label={`Give ${article} ${noun} its own route`}
          placeholder={`${noun} id`}
          value={id}
          list={suggestions.length > 0 ? listId : undefined}
          onChange={(event) => {
            setId(event.target.value);
            setError(null);
          }}
          onKeyDown={(event) => {
            if (event.key === 'Enter') {
              event.preventDefault();
              add();
            }
          }}
          error={error}
          spellCheck={false}
          autoCapitalize="off"
          data-testid={`override-id-${kind}`}
        />
        <Button icon={<Plus size={15} />} onClick={add} data-testid={`override-add-${kind}`}>
          Add
        </Button>
      </div>
      {suggestions.length > 0 && (
        <datalist id={listId}>
          {suggestions.filter((s) => !Object.hasOwn(value, s)).map((s) => (
            <option key={s} value={s} />
          ))}
        </datalist>
      )}
    </div>
  );
}
