import type { TaskClass } from '../../../../shared/models/llm';

/** How each task class is named and explained in the routes editor. */
export const TASK_CLASS_INFO: Record<TaskClass, { title: string; about: string }> = {
  creative: { title: 'Creative', about: 'Chat, continue, describe and brainstorm: prose that should sound like a writer.' },
  structured: { title: 'Structured', about: 'Answers that must follow a JSON schema (plans, summaries). Pick a model that follows instructions well.' },
  rewrite: { title: 'Rewrite', about: 'Rewrite and expand a selection, keeping its meaning.' },
  classify: { title: 'Classify', about: 'Quick decisions, such as which agent should answer. A small, fast model is enough.' },
  embed: { title: 'Embed', about: 'Turns text into vectors for memory search. Needs an embedding model, like nomic-embed-text.' },
};
