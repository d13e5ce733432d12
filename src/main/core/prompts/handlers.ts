import type { DomainHandlers } from '../handlers';
import type { PromptService } from './prompt.service';

/** The contract's `prompts.*` methods over the prompt registry. */
export function createPromptHandlers(
  service: PromptService,
): DomainHandlers<
  'prompts.list' | 'prompts.get' | 'prompts.history' | 'prompts.edit' | 'prompts.diff' | 'prompts.pin' | 'prompts.revert' | 'prompts.adoptUpdate' | 'prompts.dismissUpdate'
> {
  return {
    'prompts.list': () => service.list(),
    'prompts.get': (input) => service.get(input.id, input.version),
    'prompts.history': (input) => service.history(input.id),
    'prompts.edit': (input) => service.edit(input),
    'prompts.diff': (input) => service.diff(input.id, input.from, input.to),
    'prompts.pin': (input) => service.pin(input.id, input.version),
    'prompts.revert': (input) => service.revert(input.id, input.version),
    'prompts.adoptUpdate': (input) => service.adoptUpdate(input.id, input.version),
    'prompts.dismissUpdate': (input) => service.dismissUpdate(input.id, input.version),
  };
}
