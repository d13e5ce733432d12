/**
 * Prompt variables the step executor fills for every agent prompt (a plan's step never supplies
 * them): the persona, the project, and the context retrieved within the agent's memory scope.
 */
export const AGENT_VARIABLES = ['persona', 'project_title', 'genre', 'tone', 'premise', 'memory', 'passages'] as const;
export type AgentVariable = (typeof AGENT_VARIABLES)[number];

const agentVariables: ReadonlySet<string> = new Set(AGENT_VARIABLES);

/** Whether the executor fills this variable itself. */
export function isAgentVariable(name: string): boolean {
  return agentVariables.has(name);
}

/**
 * Whether a prompt of this task class answers JSON. Prose prompts (creative, rewrite) answer
 * plain text that streams as readable prose; the executor reads it as `{text, notes}`.
 */
export function answersJson(taskClass: string): boolean {
  return taskClass === 'structured' || taskClass === 'classify';
}
