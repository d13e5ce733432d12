import { useState } from 'react';
import type { LlmStatus } from '../../../../shared/models/llm';
import { aiSettingsTab } from '../../../../shared/text/settings-names';
import { useStores } from '../../app/services';
import { Select } from '../../ui';
import { errorMessage } from '../../lib/api';
import { formatBytes, PROVIDER_NAMES } from './ai-format';
import { describeRoute, tagPickers, type TagPicker } from './route-models';
import { TASK_CLASS_INFO } from './task-classes';

/** Tags have no colon, so this value cannot clash with one. */
const AUTOMATIC = ':automatic';

/**
 * Models tab: what each kind of task needs (its route) and the model it uses now, and, for an
 * Ollama family the routes name without a tag, which installed tag to use.
 */
export function RouteModels({ status }: { status: LlmStatus }) {
  const pickers = tagPickers(status);
  return (
    <section className="ai-section" data-testid="models-routes">
      <h3 className="ai-section__title">Models your routes use</h3>
      <p className="ai-section__text">Each kind of task tries its models in the order listed and uses the first one available. Change them in {aiSettingsTab('Routes')}.</p>
      <ul className="ai-route-needs">
        {status.taskRoutes.map(({ taskClass, route, uses }) => (
          <li key={taskClass} className="ai-route-needs__row" data-testid={`models-route-${taskClass}`}>
            <span className="ai-route-needs__task">{TASK_CLASS_INFO[taskClass].title}</span>
            <span className="ai-route-needs__route">Needs {describeRoute(route, PROVIDER_NAMES)}</span>
            <span className={`ui-badge ${uses ? 'ai-badge--ok' : 'ai-badge--bad'}`} data-testid="models-route-uses">
              {uses ? `Uses ${uses.model} (${PROVIDER_NAMES[uses.provider]})` : 'No model available'}
            </span>
          </li>
        ))}
      </ul>
      {pickers.map((picker) => (
        <TagPick key={picker.family} picker={picker} />
      ))}
    </section>
  );
}

/** Which installed tag of a family the routes call; the choice is saved in the models file. */
function TagPick({ picker }: { picker: TagPicker }) {
  const { useLlmStatus } = useStores();
  const [error, setError] = useState<string | null>(null);
  const options = [
    { value: AUTOMATIC, label: `Automatic: ${picker.automatic ?? 'none installed'} (latest, else the smallest)` },
    ...picker.tags.map((t) => ({ value: t.tag, label: t.sizeBytes !== undefined ? `${t.name} · ${formatBytes(t.sizeBytes)}` : t.name })),
  ];
  const usedBy = picker.usedBy.map((t) => TASK_CLASS_INFO[t].title).join(', ');
  const choose = (value: string) => {
    setError(null);
    useLlmStatus
      .getState()
      .setOllamaTag(picker.family, value === AUTOMATIC ? null : value)
      .catch((cause: unknown) => setError(errorMessage(cause)));
  };
  return (
    <Select
      label={`Installed tag of ${picker.family}`}
      className="ai-tag-pick"
      value={picker.picked ?? AUTOMATIC}
      options={options}
      onChange={choose}
      hint={`Used by ${usedBy}. Calls go to ${picker.uses ?? picker.family}.`}
      error={error}
      data-testid={`ollama-tag-${picker.family}`}
    />
  );
}
