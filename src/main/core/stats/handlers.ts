import type { DomainHandlers } from '../handlers';
import type { WritingSessionService } from './writing-session.service';

export function createStatsHandlers(sessions: WritingSessionService): DomainHandlers<'stats.session'> {
  return {
    'stats.session': ({ projectId }) => sessions.today(projectId),
  };
}
