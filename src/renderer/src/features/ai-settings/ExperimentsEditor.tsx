import { FlaskConical, Plus, Trash2 } from 'lucide-react';
import type { Experiment, ModelsConfig, ProviderId, TaskClass } from '../../../../shared/models/llm';
import { TaskClass as TaskClasses } from '../../../../shared/models/llm';
import { useStores } from '../../app/services';
import { Button, IconButton, Select, TextField } from '../../ui';
import { PROVIDER_NAMES } from './ai-format';
import { issueAt, newExperiment, providersFor, removeItem, replaceItem, suggestModel, type ConfigIssue } from './route-edit';
import { modelListId } from './RouteList';
import { TASK_CLASS_INFO } from './task-classes';

export interface ExperimentsEditorProps {
  config: ModelsConfig;
  onChange: (experiments: Experiment[]) => void;
  issues: readonly ConfigIssue[];
}

const TASK_OPTIONS = Object.values(TaskClasses).map((id) => ({ value: id, label: TASK_CLASS_INFO[id].title }));

/**
 * A/B experiments: a share of one task class's calls goes to another model ("arm B"). Which
 * calls do is decided by a stable hash, and recorded with each call in the usage log.
 */
export function ExperimentsEditor({ config, onChange, issues }: ExperimentsEditorProps) {
  const { useLlmStatus } = useStores();
  const experiments = config.experiments;
  const update = (index: number, patch: Partial<Experiment>) => {
    const current = experiments[index];
    if (current) onChange(replaceItem(experiments, index, { ...current, ...patch }));
  };

  return (
    <div className="ai-experiments" data-testid="experiments">
      {experiments.length === 0 && <p className="ai-muted">No experiments. Add one to compare two models on real work.</p>}
      {experiments.map((experiment, index) => (
        <div key={index} className={`ai-experiment${experiment.enabled ? ' is-enabled' : ''}`} data-testid="experiment">
          <div className="ai-experiment__head">
            <FlaskConical size={15} aria-hidden="true" />
            <TextField
              label={`Experiment ${index + 1} name`}
              hideLabel
              value={experiment.name}
              onChange={(event) => update(index, { name: event.target.value })}
              error={issueAt(issues, `experiments.${index}.name`)}
              className="ai-experiment__name"
            />
            <label className="ai-switch">
              <input type="checkbox" checked={experiment.enabled} onChange={(event) => update(index, { enabled: event.target.checked })} />
              <span>{experiment.enabled ? 'Running' : 'Off'}</span>
            </label>
            <IconButton label={`Remove experiment ${experiment.name}`} size="sm" icon={<Trash2 size={14} />} onClick={() => onChange(removeItem(experiments, index))} />
          </div>
          <div className="ai-experiment__grid">
            <Select<TaskClass>
              label="Task class"
              value={experiment.taskClass}
              options={TASK_OPTIONS}
              onChange={(taskClass) => update(index, { taskClass, arm: providersFor(taskClass).includes(experiment.arm.provider) ? experiment.arm : suggestModel(useLlmStatus.getState().status) })}
            />
            <Select<ProviderId>
              label="Arm B provider"
              value={experiment.arm.provider}
              options={providersFor(experiment.taskClass).map((id) => ({ value: id, label: PROVIDER_NAMES[id] ?? id }))}
              onChange={(provider) => update(index, { arm: suggestModel(useLlmStatus.getState().status, provider) })}
            />
            <TextField
              label="Arm B model"
              value={experiment.arm.model}
              list={modelListId(experiment.arm.provider)}
              onChange={(event) => update(index, { arm: { ...experiment.arm, model: event.target.value } })}
              error={issueAt(issues, `experiments.${index}.arm`)}
              spellCheck={false}
              autoCapitalize="off"
            />
          </div>
          <div className="ai-share">
            <label htmlFor={`experiment-share-${index}`}>Share of calls to arm B</label>
            <input
              id={`experiment-share-${index}`}
              type="range"
              min={0}
              max={100}
              step={5}
              value={Math.round(experiment.share * 100)}
              onChange={(event) => update(index, { share: Number(event.target.value) / 100 })}
            />
            <output htmlFor={`experiment-share-${index}`}>{Math.round(experiment.share * 100)}%</output>
          </div>
        </div>
      ))}
      {experiments.length < 20 && (
        <Button size="sm" variant="ghost" icon={<Plus size={14} />} onClick={() => onChange([...experiments, newExperiment(config, useLlmStatus.getState().status)])} data-testid="experiment-add">
          Add experiment
        </Button>
      )}
    </div>
  );
}
