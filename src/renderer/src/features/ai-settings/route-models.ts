import type { LlmStatus, ModelRef, TaskClass } from '../../../../shared/models/llm';
import { ollamaChoices, splitOllamaName, type OllamaFamilyChoices } from '../../../../shared/models/ollama-names';
import { providerOf } from './status-summary';

/** An Ollama family the routes name without a tag, and the installed tags the writer may pick among. */
export interface TagPicker extends OllamaFamilyChoices {
  /** The writer's pick while it is installed; null means the automatic choice. */
  picked: string | null;
  /** The tag the routes call now. */
  uses: string | null;
  /** Task classes whose route names this family. */
  usedBy: TaskClass[];
}

/** Families the routes name without a tag that have two or more tags installed (a choice to make), in route order. */
export function tagPickers(status: LlmStatus): TagPicker[] {
  const installed = providerOf(status, 'ollama')?.models ?? [];
  const families = new Map<string, TaskClass[]>();
  for (const { taskClass, route } of status.taskRoutes) {
    for (const ref of route) {
      const name = splitOllamaName(ref.model);
      if (ref.provider !== 'ollama' || name.tagged) continue;
      const usedBy = families.get(name.family) ?? [];
      if (!usedBy.includes(taskClass)) usedBy.push(taskClass);
      families.set(name.family, usedBy);
    }
  }
  return [...families].flatMap(([family, usedBy]) => {
    const choices = ollamaChoices(family, installed);
    if (choices.tags.length < 2) return [];
    const pick = status.ollamaTags[family];
    const picked = choices.tags.find((t) => t.tag === pick)?.tag ?? null;
    const uses = picked !== null ? `${family}:${picked}` : choices.automatic;
    return [{ ...choices, picked, uses, usedBy }];
  });
}

/** "llama3.2 (Ollama), gpt-4o-mini (OpenAI) or claude-haiku-4-5 (Anthropic)": what a route can use, in the order it tries them. */
export function describeRoute(route: readonly ModelRef[], names: Readonly<Record<string, string>>): string {
  const items = route.map((ref) => `${ref.model} (${names[ref.provider] ?? ref.provider})`);
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} or ${items.at(-1) ?? ''}`;
}
