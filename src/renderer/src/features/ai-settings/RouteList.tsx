import { ArrowDown, ArrowUp, Plus, X } from 'lucide-react';
import { useRef, type KeyboardEvent } from 'react';
import type { ModelRef, ProviderId, TaskClass } from '../../../../shared/models/llm';
import { useStores } from '../../app/services';
import { Button, IconButton, Select, TextField } from '../../ui';
import { PROVIDER_NAMES } from './ai-format';
import { refAvailability } from './status-summary';
import { issueAt, moveItem, providersFor, removeItem, replaceItem, suggestModel, type ConfigIssue } from './route-edit';

export interface RouteListProps {
  value: readonly ModelRef[];
  onChange: (next: ModelRef[]) => void;
  /** Limits the providers (embeddings: no Anthropic); null for overrides, which may serve any task. */
  taskClass: TaskClass | null;
  /** Path of this list in the config ("routes.creative"), to find its validation issues. */
  path: string;
  issues: readonly ConfigIssue[];
  /** Accessible name of the list ("Creative route"). */
  label: string;
}

const MAX_ENTRIES = 10;

/** The id of the <datalist> of a provider's models, rendered once by the routes tab. */
export const modelListId = (provider: ProviderId) => `ai-models-${provider}`;

/**
 * An ordered fallback list of provider/model. The first entry is tried first. Reorder with the
 * arrow buttons or Alt+↑/↓ from any field of a row.
 */
export function RouteList({ value, onChange, taskClass, path, issues, label }: RouteListProps) {
  const { useLlmStatus } = useStores();
  const listRef = useRef<HTMLOListElement>(null);
  const liveStatus = useLlmStatus((s) => s.status);
  const providers = providersFor(taskClass).map((id) => ({ value: id, label: PROVIDER_NAMES[id] ?? id }));

  const move = (index: number, delta: number) => {
    const target = index + delta;
    if (target < 0 || target >= value.length) return;
    onChange(moveItem(value, index, delta));
    // Keep focus on the row that moved, so repeated Alt+↑ keeps walking it up.
    const focused = document.activeElement?.getAttribute('data-route-field');
    requestAnimationFrame(() => listRef.current?.querySelector<HTMLElement>(`[data-route-row="${target}"] [data-route-field="${focused ?? 'model'}"]`)?.focus());
  };

  const onRowKey = (index: number) => (event: KeyboardEvent<HTMLLIElement>) => {
    if (!event.altKey || (event.key !== 'ArrowUp' && event.key !== 'ArrowDown')) return;
    event.preventDefault();
    move(index, event.key === 'ArrowUp' ? -1 : 1);
  };

  // Read when needed (a click), not at render: suggestions need no re-render of the list.
  const status = () => useLlmStatus.getState().status;
  return (
    <div className="ai-route">
      <ol ref={listRef} className="ai-route__list" aria-label={label}>
        {value.map((ref, index) => (
          <li key={index} className="ai-route__row" data-route-row={index} onKeyDown={onRowKey(index)}>
            <span className="ai-route__rank" title={index === 0 ? 'Tried first' : `Fallback ${index}`}>
              {index + 1}
            </span>
            <Select
              label={`${label}, model ${index + 1}: provider`}
              hideLabel
              value={ref.provider}
              options={providers}
              onChange={(provider) => onChange(replaceItem(value, index, { provider, model: ref.provider === provider ? ref.model : suggestModel(status(), provider).model }))}
              data-route-field="provider"
              className="ai-route__provider"
            />
            <TextField
              label={`${label}, model ${index + 1}: model name`}
              hideLabel
              value={ref.model}
              list={modelListId(ref.provider)}
              placeholder="Model name"
              spellCheck={false}
              autoCapitalize="off"
              onChange={(event) => onChange(replaceItem(value, index, { ...ref, model: event.target.value }))}
              error={issueAt(issues, `${path}.${index}`)}
              data-route-field="model"
              className="ai-route__model"
            />
            <div className="ai-route__tools">
              <Availability state={refAvailability(liveStatus, ref)} />
              <IconButton label="Move up" size="sm" icon={<ArrowUp size={14} />} disabled={index === 0} onClick={() => move(index, -1)} shortcut="Alt+↑" />
              <IconButton label="Move down" size="sm" icon={<ArrowDown size={14} />} disabled={index === value.length - 1} onClick={() => move(index, 1)} shortcut="Alt+↓" />
              <IconButton label="Remove" size="sm" icon={<X size={14} />} disabled={value.length <= 1} onClick={() => onChange(removeItem(value, index))} />
            </div>
          </li>
        ))}
      </ol>
      {value.length < MAX_ENTRIES && (
        <Button size="sm" variant="ghost" icon={<Plus size={14} />} onClick={() => onChange([...value, suggestModel(status())])} className="ai-route__add">
          Add fallback
        </Button>
      )}
    </div>
  );
}

function Availability({ state }: { state: ReturnType<typeof refAvailability> }) {
  return (
    <span className="ai-route__avail" title={state.text} role="img" aria-label={state.text}>
      <span className={`ai-dot ai-dot--${state.tone}`} />
    </span>
  );
}
