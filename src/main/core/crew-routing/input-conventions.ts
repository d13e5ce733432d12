import type { AgentCapability } from '../../../shared/models/agents';
import type { PlanTarget } from '../../../shared/models/plans';

/**
 * How the router fills a capability's inputs when it composes a step itself (one agent, or a
 * plan from the model's steps): by the input's name, from the run's target and request.
 */
const BY_NAME: Record<string, string> = {
  request: '$request',
  topic: '$request',
  focus: '$request',
  chapter_title: '$chapter.title',
  chapter_synopsis: '$chapter.synopsis',
  chapter_outline: '$chapter.outline',
  chapter_text: '$chapter.text',
  scene_title: '$scene.title',
  scene_synopsis: '$scene.synopsis',
  scene_text: '$scene.text',
  text: '$scene.text',
  beats: '$scene.synopsis',
  name: '$entry.name',
  kind: '$entry.kind',
  profile: '$entry.profile',
  description: '$entry.description',
  // Context the agent gathers itself (memory, retrieval) when nothing is given.
  story_so_far: '',
  previous_text: '',
};

/** Inputs that carry what came before: the output of the step it follows, if any. */
const FROM_BEFORE = new Set(['context']);

/**
 * The value reference for an input: the output of the step it follows (`after`) for an input
 * that carries what came before, else by its name (above), else the writer's request.
 */
export function defaultInputRef(name: string, after: string | undefined): string {
  if (FROM_BEFORE.has(name)) return after ? `$steps.${after}.output` : '';
  return BY_NAME[name] ?? (after ? `$steps.${after}.output` : '$request');
}

/** The inputs of a step using `capability`, filled by {@link defaultInputRef}. */
export function defaultInputs(capability: Pick<AgentCapability, 'inputs'>, after?: string): Record<string, string> {
  return Object.fromEntries(capability.inputs.map((name) => [name, defaultInputRef(name, after)]));
}

/** What a step needs to be pointed at, judging by the references its inputs use. */
export function targetOfRefs(refs: readonly string[]): PlanTarget | 'mixed' {
  const needs = new Set<PlanTarget>();
  for (const ref of refs) {
    if (ref.startsWith('$chapter.')) needs.add('chapter');
    else if (ref.startsWith('$scene.')) needs.add('scene');
    else if (ref.startsWith('$entry.')) needs.add('entry');
  }
  if (needs.size > 1) return 'mixed';
  return [...needs][0] ?? 'none';
}
