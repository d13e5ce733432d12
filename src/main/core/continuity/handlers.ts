import type { DomainHandlers } from '../handlers';
import type { ContinuityService } from './continuity.service';

/** The contract's `continuity.*` methods over the continuity service. */
export function createContinuityHandlers(
  service: ContinuityService,
): DomainHandlers<'continuity.list' | 'continuity.check' | 'continuity.proposeCodexChange' | 'continuity.resolve'> {
  return {
    'continuity.list': (input) => service.list(input.projectId, input.status),
    'continuity.check': (input) => service.enqueueCheck({ projectId: input.projectId, sceneId: input.sceneId }),
    'continuity.proposeCodexChange': (input) => service.proposeCodexChange(input.issueId),
    'continuity.resolve': (input) => service.resolve(input),
  };
}
