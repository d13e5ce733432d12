import type { InlineAction } from '../../../../shared/models/llm';
import type { SuggestionSource } from './suggestion-machine';

export interface ActionInfo {
  id: InlineAction;
  label: string;
  /** One line under the label in the menu. */
  hint: string;
  /** Needs selected text. */
  needsSelection: boolean;
}

/** The editor's AI actions, in menu order. */
export const ACTIONS: readonly ActionInfo[] = [
  { id: 'continue', label: 'Continue writing', hint: 'Carries on from the cursor', needsSelection: false },
  { id: 'rewrite', label: 'Rewrite', hint: 'A new version of the selection', needsSelection: true },
  { id: 'expand', label: 'Expand', hint: 'Fleshes out the selection', needsSelection: true },
  { id: 'describe', label: 'Describe', hint: 'A sensory paragraph about the selection', needsSelection: true },
  { id: 'brainstorm', label: 'Brainstorm', hint: 'Ideas for what could happen next', needsSelection: false },
];

const SOURCE_LABELS: Record<SuggestionSource, string> = {
  continue: 'Continue',
  rewrite: 'Rewrite',
  expand: 'Expand',
  describe: 'Describe',
  brainstorm: 'Brainstorm',
  chat: 'From the chat',
};

export function sourceLabel(source: SuggestionSource | null): string {
  return source ? SOURCE_LABELS[source] : 'Suggestion';
}

/** What accepting does, said on the Accept button's tooltip. */
export function acceptHint(source: SuggestionSource | null): string {
  if (source === 'rewrite' || source === 'expand') return 'Replaces the highlighted text';
  if (source === 'describe' || source === 'brainstorm') return 'Adds it after the paragraph';
  return 'Inserts it at the cursor';
}
