import type { DomainHandlers } from '../handlers';
import type { InlineService } from './inline.service';

export function createInlineHandlers(inline: InlineService): DomainHandlers<'ai.inline'> {
  return { 'ai.inline': (input, { connectionId }) => inline.run(input, connectionId) };
}
