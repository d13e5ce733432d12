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
