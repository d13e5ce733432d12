import type { DomainHandlers } from '../handlers';
import type { UsageService } from './usage.service';

/** The contract's `usage.summary` method. */
export function createUsageHandlers(usage: UsageService): DomainHandlers<'usage.summary'> {
  return {
    'usage.summary': (input) => usage.summary(input),
  };
}
