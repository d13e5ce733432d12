import { parse, stringify } from 'yaml';
import { planSchema, type Plan } from '../../../../shared/models/plans';

/** A plan as the writer edits it. */
export const planToYaml = (plan: Plan): string => stringify(plan, { lineWidth: 0 });

/**
 * Reads the edited YAML into a plan, or says what is wrong: the YAML's own error (with its line),
 * or each field that breaks the plan's shape (`steps.1.agent: …`). The core checks the rest
 * (agents, capabilities, references, cycles) when it saves.
 */
export function readPlanYaml(text: string): { plan: Plan; problems: [] } | { plan: null; problems: string[] } {
  let value: unknown;
  try {
    value = parse(text);
  } catch (error) {
    return { plan: null, problems: [error instanceof Error ? error.message.split('\n')[0] ?? 'This is not valid YAML.' : 'This is not valid YAML.'] };
  }
  const parsed = planSchema.safeParse(value);
  if (parsed.success) return { plan: parsed.data, problems: [] };
  return { plan: null, problems: parsed.error.issues.map((issue) => (issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message)) };
}
