import { Annotation, END, Send, START, StateGraph, type BaseCheckpointSaver, type LangGraphRunnableConfig, type StateSnapshot } from '@langchain/langgraph';
import type { Plan, PlanStep } from '../../../shared/models/plans';
import { createRunScope, resolveRef, withLocals, holds, type ScopeSource } from './plan-scope';
import type { NodeRun, StepRunner } from './step-runner';

/** Merges maps written by parallel nodes (each writes its own keys). */
const merge = (left: Record<string, unknown>, right: Record<string, unknown>) => ({ ...left, ...right });

/**
 * The graph's state: step outputs by step id, branch outputs by `<stepId>#<index>` and each
 * fan-out's items (null when its guard did not hold). All of it is checkpointed.
 */
const RunState = Annotation.Root({
  outputs: Annotation<Record<string, unknown>>({ reducer: merge, default: () => ({}) }),
  branches: Annotation<Record<string, unknown>>({ reducer: merge, default: () => ({}) }),
  fanouts: Annotation<Record<string, unknown[] | null>>({ reducer: (left, right) => ({ ...left, ...right }), default: () => ({}) }),
});
type RunStateValue = typeof RunState.State;
type RunStateUpdate = Partial<RunStateValue>;

/** What a branch of a `forEach` step is sent. */
interface BranchInput {
  outputs: Record<string, unknown>;
  item: unknown;
  index: number;
}

type NodeFn<I> = (input: I, config: LangGraphRunnableConfig) => Promise<RunStateUpdate> | RunStateUpdate;

/**
 * StateGraph's builder types its node names from literal calls; a plan's nodes are data, so the
 * builder is driven through this narrower view (the same methods, names as strings).
 */
interface DynamicGraph {
  addNode(name: string, fn: NodeFn<RunStateValue> | NodeFn<BranchInput>): DynamicGraph;
  addEdge(from: string | string[], to: string): DynamicGraph;
  addConditionalEdges(from: string, route: (state: RunStateValue) => Array<string | Send>): DynamicGraph;
  compile(options: { checkpointer: BaseCheckpointSaver }): RunGraph;
}

/** The compiled graph as the job drives it. */
export interface RunGraph {
  invoke(input: unknown, config: LangGraphRunnableConfig): Promise<unknown>;
  getState(config: LangGraphRunnableConfig): Promise<StateSnapshot>;
}

/** Node names: step ids are lower_snake_case, so a dot never clashes with one. */
const branchNode = (stepId: string) => `each.${stepId}`;
const joinNode = (stepId: string) => `join.${stepId}`;
/** The node whose completion means "this step is done" (a fan-out's join). */
const doneNode = (step: PlanStep) => (step.kind === 'agent' && step.forEach !== undefined ? joinNode(step.id) : step.id);

const signalOf = (config: LangGraphRunnableConfig): AbortSignal => config.signal ?? new AbortController().signal;

export interface CompileInput {
  plan: Plan;
  run: NodeRun;
  source: ScopeSource;
  steps: StepRunner;
  checkpointer: BaseCheckpointSaver;
}

/**
 * Compiles a plan onto a LangGraph StateGraph: a node per step, `dependsOn` as edges (a step
 * with several waits for all of them), guards inside the nodes (a skipped step still completes
 * with a null output, so joins fire and opposite guards make branches), and `forEach` as a
 * `Send` per item into a branch node whose outputs a join node gathers in item order.
 */
export function compilePlan({ plan, run, source, steps, checkpointer }: CompileInput): RunGraph {
  const graph = new StateGraph(RunState) as unknown as DynamicGraph;
  const byId = new Map(plan.steps.map((step) => [step.id, step]));
  const scopeOf = (outputs: Record<string, unknown>) => createRunScope(source, outputs);

  for (const step of plan.steps) {
    if (step.kind === 'agent' && step.forEach !== undefined) {
      addFanOut(graph, { step, forEach: step.forEach, run, steps, scopeOf });
      continue;
    }
    graph.addNode(step.id, async (state: RunStateValue, config: LangGraphRunnableConfig) => {
      const call = { run, step, key: step.id, index: null, scope: scopeOf(state.outputs), signal: signalOf(config) };
      const output = step.kind === 'ask' ? steps.ask(call) : await steps.work(call);
      return { outputs: { [step.id]: output } };
    });
  }

  const dependents = new Set(plan.steps.flatMap((step) => step.dependsOn));
  for (const step of plan.steps) {
    const deps = [...new Set(step.dependsOn)].map((id) => byId.get(id)).filter((dep): dep is PlanStep => dep !== undefined);
    if (deps.length === 0) graph.addEdge(START, step.id);
    else graph.addEdge(deps.length === 1 ? doneNode(deps[0] as PlanStep) : deps.map(doneNode), step.id);
    if (!dependents.has(step.id)) graph.addEdge(doneNode(step), END);
  }
  return graph.compile({ checkpointer });
}

interface FanOut {
  step: PlanStep;
  forEach: string;
  run: NodeRun;
  steps: StepRunner;
  scopeOf(outputs: Record<string, unknown>): ReturnType<typeof createRunScope>;
}

function addFanOut(graph: DynamicGraph, { step, forEach, run, steps, scopeOf }: FanOut): void {
  // The dispatcher decides the items (or that the guard does not hold); the route sends them.
  graph.addNode(step.id, (state: RunStateValue) => {
    const scope = scopeOf(state.outputs);
    if (!holds(step.when, scope)) return { fanouts: { [step.id]: null } };
    const items = resolveRef(forEach, scope);
    return { fanouts: { [step.id]: Array.isArray(items) ? items : [] } };
  });
  graph.addConditionalEdges(step.id, (state) => {
    const items = state.fanouts[step.id];
    if (!items || items.length === 0) return [joinNode(step.id)];
    return items.map((item, index) => new Send(branchNode(step.id), { outputs: state.outputs, item, index } satisfies BranchInput));
  });
  graph.addNode(branchNode(step.id), async (input: BranchInput, config: LangGraphRunnableConfig) => {
    const key = `${step.id}#${input.index}`;
    const scope = withLocals(scopeOf(input.outputs), { item: input.item, index: input.index });
    const output = await steps.work({ run, step, key, index: input.index, scope, signal: signalOf(config) });
    return { branches: { [key]: output } };
  });
  graph.addEdge(branchNode(step.id), joinNode(step.id));
  graph.addNode(joinNode(step.id), (state: RunStateValue) => {
    const items = state.fanouts[step.id];
    const call = { run, step, key: step.id, index: null, scope: scopeOf(state.outputs), signal: new AbortController().signal };
    if (items === null || items === undefined) return { outputs: { [step.id]: steps.settle(call, 'skipped', null) } };
    if (items.length === 0) return { outputs: { [step.id]: steps.settle(call, 'succeeded', []) } };
    return { outputs: { [step.id]: items.map((_, index) => state.branches[`${step.id}#${index}`] ?? null) } };
  });
}
