import type { AgentCapability } from '../../../shared/models/agents';
import type { PlanTarget } from '../../../shared/models/plans';

/**
 * How the router fills a capability's inputs when it composes a step itself (one agent, or a
 * plan from the model's steps): by the input's name, from the run's target and request.
 */
const BY_NAME: Record<string, string> = {
  request: '$request',
  count: '3',
  chapter_title: '$chapter.title',
  chapter_synopsis: '$chapter.synopsis',
  chapter_outline: '$chapter.outline',
  chapter_text: '$chapter.text',
  scenes: '$chapter.scenes',
  scene_id: '$scene.id',
  scene_title: '$scene.title',
  scene_text: '$scene.text',
  text: '$scene.text',
  beats: '$scene.synopsis',
  name: '$entry.name',
  profile: '$entry.profile',
  description: '$entry.description',
};

/**
 * The value reference for an input: by its name (above), else the output of the step it follows
 * (`after`), else the writer's request.
 */
export function defaultInputRef(name: string, after: string | undefined): string {
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
