import type { DomainHandlers } from '../handlers';
import type { UsageService } from './usage.service';

/** The contract's `usage.*` methods. */
export function createUsageHandlers(usage: UsageService): DomainHandlers<'usage.summary' | 'usage.byArm'> {
  return {
    'usage.summary': (input) => usage.summary(input),
    'usage.byArm': (input) => usage.byArm(input),
  };
}
