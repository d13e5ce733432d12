import { AppError, ErrorCode } from '../../../shared/ipc/errors';
import type { Agent, AgentCapability } from '../../../shared/models/agents';
import type { AgentPlanStep, Plan, PlanStep, PlanTarget, ProposeSpec } from '../../../shared/models/plans';
import { findCycle } from './plan-cycle';

/**
 * What plan validation needs of the agent registry (a structural part of the agents domain's
 * `AgentRegistry`, so the registry itself is passed).
 */
export interface AgentCatalog {
  list(): Agent[];
  get(id: string): Agent | undefined;
  capability(agentId: string, capabilityId: string): AgentCapability | undefined;
}

/** One thing wrong with a plan, said so a writer can fix it; `stepId` null for the plan as a whole. */
export interface PlanProblem {
  stepId: string | null;
  message: string;
}

/** The fields each scope object has (see the value references documented in shared/models/plans.ts). */
const SCOPE_FIELDS: Record<string, readonly string[]> = {
  project: ['title', 'genre', 'tone', 'description'],
  chapter: ['id', 'title', 'synopsis', 'outline', 'text', 'scenes'],
  scene: ['id', 'title', 'synopsis', 'text'],
  entry: ['id', 'name', 'kind', 'description', 'profile'],
};
/** The plan target a scope needs: `$chapter.*` only makes sense on a plan pointed at a chapter. */
const SCOPE_TARGET: Record<string, PlanTarget> = { chapter: 'chapter', scene: 'scene', entry: 'entry' };

/** Which propose fields each target needs, and how a writer would name them. */
const PROPOSE_NEEDS: Record<ProposeSpec['target'], ReadonlyArray<[keyof ProposeSpec, string]>> = {
  'scene-text': [
    ['scene', 'the scene to change (scene)'],
    ['text', 'the new text (text)'],
  ],
  'new-scene': [
    ['chapter', 'the chapter it goes in (chapter)'],
    ['title', 'the new scene’s title (title)'],
    ['text', 'its text (text)'],
  ],
  codex: [],
  memory: [['text', 'what to remember (text)']],
};

/** The propose field a plan's target fills when a spec leaves it out (the engine proposes on the run's scene, chapter or entry). */
const TARGET_FILLS: Record<PlanTarget, keyof ProposeSpec | null> = { none: null, scene: 'scene', chapter: 'chapter', entry: 'entry' };

/** Where a reference appears, which decides what it may point at. */
interface RefPlace {
  step: PlanStep;
  /** Steps this one runs after (directly or through others). */
  before: ReadonlySet<string>;
  inForEach: boolean;
  inPropose: boolean;
  /** In a propose spec with `each` (where `$each` is its item). */
  inEach?: boolean;
  what: string;
}

const label = (step: PlanStep) => `Step “${step.title}” (${step.id})`;

/**
 * Checks a plan against the registry: agents and capabilities exist, each agent step gives
 * exactly its capability's inputs, `dependsOn` names known steps without cycles, references
 * point at earlier steps (and `$item` only inside a `forEach` step), and propose specs are
 * complete for their target and allowed by the capability. Returns every problem found.
 */
export function validatePlan(plan: Plan, registry: AgentCatalog): PlanProblem[] {
  const problems: PlanProblem[] = [];
  const ids = new Set<string>();
  for (const step of plan.steps) {
    if (ids.has(step.id)) problems.push({ stepId: step.id, message: `Two steps are called “${step.id}”; each step needs its own id.` });
    ids.add(step.id);
  }
  for (const step of plan.steps) {
    for (const dep of step.dependsOn) {
      if (dep === step.id) problems.push({ stepId: step.id, message: `${label(step)} depends on itself.` });
      else if (!ids.has(dep)) problems.push({ stepId: step.id, message: `${label(step)} depends on “${dep}”, which is not a step of this plan.` });
    }
  }
  const cycle = findCycle(plan.steps);
  if (cycle) {
    problems.push({ stepId: cycle[0] ?? null, message: `These steps wait for each other in a circle, so none could start: ${cycle.join(' → ')}.` });
    return problems;
  }
  const earlier = ancestorsOf(plan.steps);
  const kinds = new Map(plan.steps.map((s) => [s.id, s.kind]));
  for (const step of plan.steps) {
    const before = earlier.get(step.id) ?? new Set<string>();
    const place = (what: string, extra: Partial<RefPlace> = {}): RefPlace => ({ step, before, inForEach: false, inPropose: false, what, ...extra });
    const check = (ref: string | undefined, at: RefPlace) => {
      if (ref === undefined) return;
      const message = referenceProblem(ref, at, plan.target, kinds);
      if (message) problems.push({ stepId: step.id, message: `${label(step)}, ${at.what}: ${message}` });
    };
    if (step.when) check(step.when.ref, place('its condition'));
    if (step.kind === 'continuity' && plan.target !== 'chapter') {
      problems.push({ stepId: step.id, message: `${label(step)} checks a chapter’s continuity, so the plan’s target must be a chapter.` });
    }
    if (step.kind !== 'agent') continue;
    problems.push(...agentStepProblems(step, registry, plan.target));
    if (step.forEach !== undefined) {
      if (!step.forEach.startsWith('$')) problems.push({ stepId: step.id, message: `${label(step)} repeats for each item of “${step.forEach}”, which is not a reference to a list (like $steps.beats.output.scenes).` });
      else check(step.forEach, place('its forEach'));
    }
    const inForEach = step.forEach !== undefined;
    for (const [name, ref] of Object.entries(step.inputs)) check(ref, place(`input “${name}”`, { inForEach }));
    step.propose.forEach((spec, n) => {
      for (const [field, ref] of Object.entries(spec)) {
        if (field !== 'target') check(ref, place(`proposal ${n + 1} (${field})`, { inForEach, inPropose: true, inEach: field !== 'each' && spec.each !== undefined }));
      }
    });
  }
  return problems;
}

/** Throws `INVALID_INPUT` listing every problem of the plan, one per line, if it has any. */
export function assertValidPlan(plan: Plan, registry: AgentCatalog): void {
  const problems = validatePlan(plan, registry);
  if (problems.length === 0) return;
  const head = problems.length === 1 ? 'This plan can’t run:' : `This plan can’t run (${problems.length} problems):`;
  throw new AppError(ErrorCode.INVALID_INPUT, [head, ...problems.map((p) => `• ${p.message}`)].join('\n'));
}

function agentStepProblems(step: AgentPlanStep, registry: AgentCatalog, target: PlanTarget): PlanProblem[] {
  const agent = registry.get(step.agent);
  if (!agent) return [{ stepId: step.id, message: `${label(step)} uses the agent “${step.agent}”, which is not in the crew.` }];
  const capability = registry.capability(step.agent, step.capability);
  if (!capability) {
    const known = agent.capabilities.map((c) => c.id).join(', ');
    return [{ stepId: step.id, message: `${label(step)}: ${agent.name} cannot “${step.capability}” (it can: ${known}).` }];
  }
  const problems: PlanProblem[] = [];
  const given = Object.keys(step.inputs);
  for (const name of capability.inputs) {
    if (!given.includes(name)) problems.push({ stepId: step.id, message: `${label(step)}: ${agent.name}’s ${capability.id} needs the input “${name}”.` });
  }
  for (const name of given) {
    if (!capability.inputs.includes(name)) {
      const known = capability.inputs.length > 0 ? capability.inputs.join(', ') : 'none';
      problems.push({ stepId: step.id, message: `${label(step)}: ${agent.name}’s ${capability.id} has no input “${name}” (its inputs: ${known}).` });
    }
  }
  for (const [n, spec] of step.propose.entries()) {
    if (!capability.proposes.includes(spec.target)) {
      problems.push({ stepId: step.id, message: `${label(step)}: ${agent.name}’s ${capability.id} cannot propose ${spec.target} changes.` });
    }
    const fromTarget = TARGET_FILLS[target];
    const missing = PROPOSE_NEEDS[spec.target].filter(([field]) => spec[field] === undefined && fromTarget !== field).map(([, name]) => name);
    if (spec.target === 'codex' && spec.entry === undefined && spec.title === undefined && target !== 'entry') missing.push('the entry to change (entry) or the new entry’s name (title)');
    if (missing.length > 0) problems.push({ stepId: step.id, message: `${label(step)}, proposal ${n + 1} (${spec.target}) is missing ${missing.join(', ')}.` });
  }
  return problems;
}

/** Why a value reference cannot be resolved where it is, or null when it can (literals always can). */
function referenceProblem(ref: string, at: RefPlace, target: PlanTarget, kinds: ReadonlyMap<string, PlanStep['kind']>): string | null {
  if (!ref.startsWith('$')) return null;
  // `$index` inside a path (`$steps.drafts.output.$index.text`) picks the branch's own item of another fanned-out step.
  if (ref.slice(1).includes('.$index') && !at.inForEach) return `${ref} uses $index, which is only defined in a step with forEach.`;
  const [head = '', second, ...rest] = ref.slice(1).split('.');
  switch (head) {
    case 'request':
      return second === undefined ? null : '$request has no fields.';
    case 'item':
      return at.inForEach ? null : '$item is only defined in a step with forEach.';
    case 'index':
      return at.inForEach ? null : '$index is only defined in a step with forEach.';
    case 'output':
      return at.inPropose ? null : '$output is only defined in a proposal.';
    case 'each':
      return at.inEach === true ? null : '$each is only defined in a proposal with each.';
    case 'answer':
      if (second === undefined || kinds.get(second) !== 'ask') return `${ref} does not name a question (an ask step).`;
      return at.before.has(second) ? null : `${ref} is the answer to a question asked later; add “${second}” to dependsOn.`;
    case 'steps': {
      if (second === undefined || !kinds.has(second)) return `${ref} names no step of this plan.`;
      if (second === at.step.id) return `${ref} is this step’s own output; use $output in a proposal.`;
      if (!at.before.has(second)) return `${ref} is the output of a step that does not run before this one; add “${second}” to dependsOn.`;
      return rest[0] === 'output' ? null : `${ref} should read $steps.${second}.output (or a field of it).`;
    }
    default: {
      const fields = SCOPE_FIELDS[head];
      if (!fields) return `${ref} is not a known reference (try $request, $chapter.outline, $steps.<step>.output).`;
      if (second === undefined || !fields.includes(second)) return `${ref}: $${head} has ${fields.map((f) => `.${f}`).join(', ')}.`;
      const needs = SCOPE_TARGET[head];
      return needs && needs !== target ? `${ref} needs a plan whose target is a ${needs} (this one’s is ${target}).` : null;
    }
  }
}

/** For each step, every step that finishes before it starts (through dependsOn). */
function ancestorsOf(steps: readonly PlanStep[]): Map<string, Set<string>> {
  const byId = new Map(steps.map((s) => [s.id, s]));
  const memo = new Map<string, Set<string>>();
  const visit = (id: string): Set<string> => {
    const known = memo.get(id);
    if (known) return known;
    const result = new Set<string>();
    memo.set(id, result);
    for (const dep of byId.get(id)?.dependsOn ?? []) {
      if (!byId.has(dep)) continue;
      result.add(dep);
      for (const a of visit(dep)) result.add(a);
    }
    return result;
  };
  for (const step of steps) visit(step.id);
  return memo;
}
