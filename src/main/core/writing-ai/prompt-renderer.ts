import type { CallPlan } from '../llm';
import type { TaskClass } from '../../../shared/models/llm';

/** A prompt filled in with its variables, ready to send. */
export interface RenderedPrompt {
  system: string;
  user: string;
  version: number;
  taskClass: TaskClass;
  temperature?: number;
  maxTokens?: number;
  outputSchema?: Record<string, unknown>;
  /** The templates the text came from (a writer's edit may not use every variable a shipped version does). */
  definition: { system: string; user: string };
}

/** The part of the prompt registry the AI features use: the active version of a prompt, filled in. */
export interface PromptRenderer {
  render(promptId: string, variables: Record<string, string>): RenderedPrompt;
}

/**
 * The call of a structured prompt as rendered: its route, version, system and user messages,
 * output schema and sampling, for `llm.runStructured` (A/B assignment stays per project).
 */
export function structuredCallOf(promptId: string, rendered: RenderedPrompt, projectId: string): CallPlan & { jsonSchema: Record<string, unknown> } {
  return {
    taskClass: rendered.taskClass,
    promptId,
    promptVersion: rendered.version,
    projectId,
    assignmentKey: projectId,
    messages: [
      { role: 'system', content: rendered.system },
      { role: 'user', content: rendered.user },
    ],
    jsonSchema: rendered.outputSchema ?? {},
    ...(rendered.temperature !== undefined && { temperature: rendered.temperature }),
    ...(rendered.maxTokens !== undefined && { maxTokens: rendered.maxTokens }),
  };
}
