import type { PlanStep } from '../../../shared/models/plans';

/**
 * A circle of `dependsOn` among the steps, as the step ids around it (the first repeated at the
 * end: `a → b → a`), or null when there is none. Unknown ids are ignored (reported elsewhere).
 */
export function findCycle(steps: readonly Pick<PlanStep, 'id' | 'dependsOn'>[]): string[] | null {
  const deps = new Map(steps.map((s) => [s.id, s.dependsOn]));
  const state = new Map<string, 'visiting' | 'done'>();
  const path: string[] = [];
  const visit = (id: string): string[] | null => {
    if (state.get(id) === 'done') return null;
    if (state.get(id) === 'visiting') return [...path.slice(path.indexOf(id)), id];
    state.set(id, 'visiting');
    path.push(id);
    for (const dep of deps.get(id) ?? []) {
      if (!deps.has(dep)) continue;
      const found = visit(dep);
      if (found) return found;
    }
    path.pop();
    state.set(id, 'done');
    return null;
  };
  for (const step of steps) {
    const found = visit(step.id);
    if (found) return found;
  }
  return null;
}
