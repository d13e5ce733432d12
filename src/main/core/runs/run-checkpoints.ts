import Database from 'better-sqlite3';
import path from 'node:path';
import { SqliteSaver } from '@langchain/langgraph-checkpoint-sqlite';
import { ensurePrivateFile } from '../platform/private-files';

/** LangGraph's checkpoints, beside the database in their own file (derived state of unfinished runs). */
export const RUN_CHECKPOINTS_FILE = 'agent-runs.sqlite';

export interface RunCheckpoints {
  saver: SqliteSaver;
  close(): void;
}

/**
 * Opens the checkpoint store: `agent-runs.sqlite` in the data folder, or in memory when the
 * core's database is (tests). Its own connection, so LangGraph's writes never interleave with a
 * transaction of the app's database.
 */
export function openRunCheckpoints(options: { dataDir: string; inMemory: boolean }): RunCheckpoints {
  const file = options.inMemory ? ':memory:' : path.join(options.dataDir, RUN_CHECKPOINTS_FILE);
  if (!options.inMemory) ensurePrivateFile(file);
  const sqlite = new Database(file);
  sqlite.pragma('journal_mode = WAL');
  // WAL + NORMAL survives a killed process (what resuming is about); a power cut may lose the
  // last checkpoints, and then finished nodes run again and return what their step rows recorded.
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('busy_timeout = 5000');
  return { saver: new SqliteSaver(sqlite), close: () => sqlite.close() };
}
