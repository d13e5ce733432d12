export { createWritingSessionService, type WritingSessionService, type WritingSessionDeps } from './writing-session.service';
export { createStatsHandlers } from './handlers';
export { localDay } from './local-day';
