import { AppError, ErrorCode } from '../../../shared/ipc/errors';
import type { Plan } from '../../../shared/models/plans';
import type { AgentRegistry } from './run.types';

const ROOTS = new Set(['request', 'answer', 'project', 'chapter', 'scene', 'entry', 'steps', 'item', 'index', 'output']);

/** The `$…` references a step reads (inputs, guard, forEach, propose specs). */
function referencesOf(step: Plan['steps'][number]): string[] {
  const refs: string[] = [];
  if (step.when) refs.push(step.when.ref);
  if (step.kind === 'agent') {
    refs.push(...Object.values(step.inputs));
    if (step.forEach !== undefined) refs.push(step.forEach);
    for (const spec of step.propose) refs.push(...Object.values(spec).filter((value): value is string => typeof value === 'string' && value !== spec.target));
  }
  return refs.filter((ref) => ref.startsWith('$'));
}

/**
 * Why a plan cannot run, as sentences (empty: it can): step ids unique, dependencies known and
 * acyclic, agents and capabilities registered, references to known roots and to steps it
 * depends on (directly or through others).
 */
export function planProblems(plan: Plan, registry: AgentRegistry): string[] {
  const problems: string[] = [];
  const ids = new Set<string>();
  for (const step of plan.steps) {
    if (ids.has(step.id)) problems.push(`Two steps are called “${step.id}”.`);
    ids.add(step.id);
  }
  const byId = new Map(plan.steps.map((step) => [step.id, step]));
  for (const step of plan.steps) {
    for (const dep of step.dependsOn) if (!byId.has(dep)) problems.push(`Step “${step.id}” depends on “${dep}”, which is not in the plan.`);
    if (step.kind === 'agent') {
      if (!registry.get(step.agent)) problems.push(`Step “${step.id}” uses the agent “${step.agent}”, which is not installed.`);
      else if (!registry.capability(step.agent, step.capability)) problems.push(`The agent “${step.agent}” cannot “${step.capability}” (step “${step.id}”).`);
    }
  }
  const cycle = findCycle(plan, byId);
  if (cycle) problems.push(`The steps depend on each other in a circle: ${cycle.join(' → ')}.`);
  else problems.push(...referenceProblems(plan, byId));
  return problems;
}

function findCycle(plan: Plan, byId: Map<string, Plan['steps'][number]>): string[] | null {
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (id: string, path: string[]): string[] | null => {
    if (state.get(id) === 'done') return null;
    if (state.get(id) === 'visiting') return [...path.slice(path.indexOf(id)), id];
    state.set(id, 'visiting');
    for (const dep of byId.get(id)?.dependsOn ?? []) {
      if (!byId.has(dep)) continue;
      const found = visit(dep, [...path, id]);
      if (found) return found;
    }
    state.set(id, 'done');
    return null;
  };
  for (const step of plan.steps) {
    const found = visit(step.id, []);
    if (found) return found;
  }
  return null;
}

function referenceProblems(plan: Plan, byId: Map<string, Plan['steps'][number]>): string[] {
  const problems: string[] = [];
  const upstream = (id: string, seen = new Set<string>()): Set<string> => {
    for (const dep of byId.get(id)?.dependsOn ?? []) {
      if (seen.has(dep)) continue;
      seen.add(dep);
      upstream(dep, seen);
    }
    return seen;
  };
  for (const step of plan.steps) {
    const before = upstream(step.id);
    for (const ref of referencesOf(step)) {
      const [root, stepId] = ref.slice(1).split('.');
      if (root === undefined || !ROOTS.has(root)) problems.push(`Step “${step.id}” reads “${ref}”, which is not a value a plan can read.`);
      else if ((root === 'steps' || root === 'answer') && (stepId === undefined || !before.has(stepId))) {
        problems.push(`Step “${step.id}” reads “${ref}” but does not depend on that step.`);
      }
    }
  }
  return problems;
}

/** Throws INVALID_INPUT listing the problems when the plan cannot run. */
export function assertRunnablePlan(plan: Plan, registry: AgentRegistry): void {
  const problems = planProblems(plan, registry);
  if (problems.length > 0) throw new AppError(ErrorCode.INVALID_INPUT, `This plan cannot run: ${problems.join(' ')}`);
}
