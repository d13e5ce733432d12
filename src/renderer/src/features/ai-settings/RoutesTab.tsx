import { Play, RotateCcw } from 'lucide-react';
import { useEffect, useState } from 'react';
import { TaskClass as TaskClasses, type ModelsConfig, type ProviderId, type TaskClass } from '../../../../shared/models/llm';
import { useStores } from '../../app/services';
import { Button, ConfirmDialog, Spinner } from '../../ui';
import { ExperimentsEditor } from './ExperimentsEditor';
import { OverridesEditor } from './OverridesEditor';
import { configIssues, modelSuggestions, sameConfig, type ConfigIssue } from './route-edit';
import { modelListId, RouteList } from './RouteList';
import { RouteTestView } from './RouteTestView';
import { TASK_CLASS_INFO } from './task-classes';
import './ai-routes.css';

const TASK_CLASSES = Object.values(TaskClasses);
const PROVIDERS: readonly ProviderId[] = ['ollama', 'openai', 'anthropic'];

/** Routes tab: which models serve each kind of task, in which order, plus overrides and experiments. */
export function RoutesTab() {
  const { useRoutes, usePrompts } = useStores();
  const draft = useRoutes((s) => s.draft);
  const loadError = useRoutes((s) => s.loadError);

  useEffect(() => {
    void useRoutes.getState().load();
    if (!usePrompts.getState().loaded) void usePrompts.getState().load();
  }, [usePrompts, useRoutes]);

  if (!draft) {
    return loadError ? (
      <p className="ai-note ai-note--danger" role="alert">
        {loadError}
      </p>
    ) : (
      <Spinner label="Reading the routes…" />
    );
  }
  return <RoutesEditor draft={draft} />;
}

function RoutesEditor({ draft }: { draft: ModelsConfig }) {
  const { useRoutes, usePrompts } = useStores();
  const saved = useRoutes((s) => s.saved);
  const showIssues = useRoutes((s) => s.showIssues);
  const edit = useRoutes((s) => s.edit);
  const promptIds = usePrompts((s) => s.list.map((p) => p.id).join('\n'));
  const dirty = !sameConfig(draft, saved);
  const allIssues = configIssues(draft);
  const issues = showIssues ? allIssues : [];

  return (
    <div className="ai-tab ai-routes" data-testid="ai-routes">
      <ModelDatalists />
      <p className="ai-section__text">
        Each kind of task tries its models in order. When one fails (Ollama stopped, a key rejected, a model missing), the next is used and you are
        told which.
      </p>
      {TASK_CLASSES.map((taskClass) => (
        <TaskRoute key={taskClass} taskClass={taskClass} draft={draft} issues={issues} dirty={dirty} />
      ))}

      <section className="ai-section">
        <h3 className="ai-section__title">Prompt overrides</h3>
        <p className="ai-section__text">A prompt listed here uses its own models instead of its task class’s. This is the most specific rule.</p>
        <OverridesEditor
          kind="prompts"
          value={draft.prompts}
          onChange={(prompts) => edit((c) => ({ ...c, prompts }))}
          suggestions={promptIds ? promptIds.split('\n') : []}
          starter={draft.routes.creative ?? []}
          issues={issues}
        />
      </section>
      <section className="ai-section">
        <h3 className="ai-section__title">Agent overrides</h3>
        <p className="ai-section__text">An agent listed here uses its own models for everything it does.</p>
        <OverridesEditor kind="agents" value={draft.agents} onChange={(agents) => edit((c) => ({ ...c, agents }))} suggestions={[]} starter={draft.routes.creative ?? []} issues={issues} />
      </section>
      <section className="ai-section">
        <h3 className="ai-section__title">Experiments</h3>
        <ExperimentsEditor config={draft} onChange={(experiments) => edit((c) => ({ ...c, experiments }))} issues={issues} />
      </section>
      <RoutesFooter dirty={dirty} issues={showIssues ? allIssues : []} />
    </div>
  );
}

function TaskRoute({ taskClass, draft, issues, dirty }: { taskClass: TaskClass; draft: ModelsConfig; issues: readonly ConfigIssue[]; dirty: boolean }) {
  const { useLlmStatus, useRoutes } = useStores();
  const edit = useRoutes((s) => s.edit);
  const test = useRoutes((s) => s.tests[taskClass]);
  const ready = useLlmStatus((s) => s.status?.readyTaskClasses.includes(taskClass));
  const info = TASK_CLASS_INFO[taskClass];
  return (
    <section className="ai-section ai-task" data-testid={`routes-task-${taskClass}`}>
      <div className="ai-section__head">
        <h3 className="ai-section__title">{info.title}</h3>
        {ready !== undefined && <span className={`ui-badge ${ready ? 'ai-badge--ok' : 'ai-badge--bad'}`}>{ready ? 'Ready' : 'No model available'}</span>}
        <Button
          size="sm"
          icon={<Play size={13} />}
          busy={test?.running}
          onClick={() => void useRoutes.getState().test(taskClass)}
          title={dirty ? 'Tests the saved routes: save first to test your changes.' : 'Sends a tiny prompt down this route'}
          className="ai-task__test"
          data-testid={`route-test-${taskClass}`}
        >
          Test route
        </Button>
      </div>
      <p className="ai-section__text">{info.about}</p>
      <RouteList
        value={draft.routes[taskClass] ?? []}
        onChange={(next) => edit((c) => ({ ...c, routes: { ...c.routes, [taskClass]: next } }))}
        taskClass={taskClass}
        path={`routes.${taskClass}`}
        issues={issues}
        label={`${info.title} route`}
      />
      <RouteTestView test={test} />
    </section>
  );
}

/** Model names llm.status found, offered as suggestions in every model field. */
function ModelDatalists() {
  const { useLlmStatus } = useStores();
  const status = useLlmStatus((s) => s.status);
  return (
    <>
      {PROVIDERS.map((provider) => (
        <datalist key={provider} id={modelListId(provider)}>
          {modelSuggestions(status, provider).map((name) => (
            <option key={name} value={name} />
          ))}
        </datalist>
      ))}
    </>
  );
}

function RoutesFooter({ dirty, issues }: { dirty: boolean; issues: readonly ConfigIssue[] }) {
  const { useRoutes } = useStores();
  const saving = useRoutes((s) => s.saving);
  const saveError = useRoutes((s) => s.saveError);
  const [confirmReset, setConfirmReset] = useState(false);
  const { save, discard, reset } = useRoutes.getState();
  return (
    <div className="ai-routes__footer" data-testid="routes-footer">
      {(issues.length > 0 || saveError) && (
        <div className="ai-routes__errors" role="alert" data-testid="routes-errors">
          {saveError && <p>{saveError}</p>}
          {issues.slice(0, 5).map((issue) => (
            <p key={issue.key}>
              <strong>{issue.where}:</strong> {issue.message}
            </p>
          ))}
        </div>
      )}
      <div className="ai-routes__buttons">
        <Button variant="ghost" icon={<RotateCcw size={14} />} onClick={() => setConfirmReset(true)} data-testid="routes-reset">
          Reset to defaults
        </Button>
        <span className="ai-routes__spacer" />
        {dirty && <span className="ai-muted">Unsaved changes</span>}
        <Button onClick={discard} disabled={!dirty || saving}>
          Discard
        </Button>
        <Button variant="primary" onClick={() => void save()} disabled={!dirty} busy={saving} data-testid="routes-save">
          Save routes
        </Button>
      </div>
      <ConfirmDialog
        open={confirmReset}
        title="Reset the routes?"
        message={<p>Every route, override and experiment goes back to what Nova Studio ships with. Your current routes are replaced; the Ollama address stays as it is.</p>}
        confirmLabel="Reset routes"
        danger
        onConfirm={() => {
          setConfirmReset(false);
          void reset();
        }}
        onCancel={() => setConfirmReset(false)}
      />
    </div>
  );
}
