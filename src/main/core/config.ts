import type { Logger } from 'pino';
import type { Clock, IdGenerator } from './platform/clock';

/** Everything the core needs from its shell. Nothing here is Electron-specific. */
export interface CoreConfig {
  /** The per-user data folder; the database lives at `<dataDir>/nova.db`. */
  dataDir: string;
  /** Overrides the database file (':memory:' in unit tests). */
  dbFile?: string;
  /** Folder of drizzle-kit migrations (the packaged app keeps them in its resources). */
  migrationsFolder?: string;
  /** The app's version, reported by `app.info`. */
  version?: string;
  /** Which shell is hosting the core, reported by `app.info`. */
  transport?: 'electron' | 'websocket';
  logger?: Logger;
  clock?: Clock;
  ids?: IdGenerator;
}
