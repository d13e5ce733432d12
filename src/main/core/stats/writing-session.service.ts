import { notFound } from '../../../shared/ipc/errors';
import type { WritingSession } from '../../../shared/models/writing-session';
import type { AppDatabase } from '../db/connection';
import type { Clock } from '../platform/clock';
import type { ProjectRepo } from '../projects';
import { localDay as systemLocalDay } from './local-day';
import { createWritingDayRepo } from './writing-day.repo';

export interface WritingSessionDeps {
  database: AppDatabase;
  projects: ProjectRepo;
  clock: Clock;
  /** The local day of a moment; tests may pin the time zone. */
  localDay?: (ms: number) => string;
}

/**
 * The session counter: words written per project per local day, kept in the database. The
 * rule (see shared/models/writing-session.ts): each autosave adds the change in its scene's
 * word count, and the day's figure never drops below zero.
 */
export function createWritingSessionService({ database, projects, clock, localDay = systemLocalDay }: WritingSessionDeps) {
  const days = createWritingDayRepo(database.orm);
  return {
    /** Today's session of a live project. */
    today(projectId: string): WritingSession {
      if (!projects.findLive(projectId)) throw notFound('The project');
      const day = localDay(clock.now());
      return { day, words: days.find(projectId, day) };
    },

    /**
     * Adds a save's change in words to the session of the day `now` falls on; runs inside the
     * save's transaction, so the figure and the text are committed together.
     */
    record(projectId: string, deltaWords: number, now: number): WritingSession {
      const day = localDay(now);
      const before = days.find(projectId, day);
      const words = Math.max(0, before + deltaWords);
      if (words !== before) days.put(projectId, day, words, now);
      return { day, words };
    },
  };
}

export type WritingSessionService = ReturnType<typeof createWritingSessionService>;
