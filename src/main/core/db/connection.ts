import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { fileURLToPath } from 'node:url';
import * as sqliteVec from 'sqlite-vec';
import { AppError, ErrorCode } from '../../../shared/ipc/errors';
import * as schema from './schema';

export type Db = BetterSQLite3Database<typeof schema>;

export interface AppDatabase {
  /** Typed query builder over {@link schema}. */
  orm: Db;
  /** The raw connection, for FTS5, pragmas and prepared hot paths drizzle does not cover. */
  sqlite: Database.Database;
  sqliteVersion: string;
  vecVersion: string;
  close(): void;
}

export interface OpenDatabaseOptions {
  /** A file path, or ':memory:' for throwaway databases in tests. */
  file: string;
  /** Folder of drizzle-kit migrations; defaults to the one beside this file. */
  migrationsFolder?: string;
}

export const DEFAULT_MIGRATIONS_FOLDER = fileURLToPath(new URL('./migrations', import.meta.url));

/**
 * Opens the database the way every part of the app relies on: WAL so readers never block the
 * writer, synchronous=FULL so a save the UI was told succeeded survives a crash or power cut,
 * foreign keys enforced, a busy timeout instead of instant SQLITE_BUSY, sqlite-vec loaded and
 * answering, and every pending migration applied in one transaction.
 */
export function openDatabase(options: OpenDatabaseOptions): AppDatabase {
  let sqlite: Database.Database;
  try {
    sqlite = new Database(options.file);
  } catch (cause) {
    throw new AppError(ErrorCode.STORAGE_FAILED, `The database at ${options.file} could not be opened.`, { cause });
  }
  try {
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = FULL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    const vecVersion = loadVectorExtension(sqlite);
    registerInertSyncFunctions(sqlite);
    const orm = drizzle(sqlite, { schema });
    migrate(orm, { migrationsFolder: options.migrationsFolder ?? DEFAULT_MIGRATIONS_FOLDER });
    const { version } = sqlite.prepare('select sqlite_version() as version').get() as { version: string };
    return { orm, sqlite, sqliteVersion: version, vecVersion, close: () => sqlite.close() };
  } catch (cause) {
    sqlite.close();
    if (cause instanceof AppError) throw cause;
    throw new AppError(ErrorCode.STORAGE_FAILED, 'The database could not be prepared (migration failed).', { cause });
  }
}

/**
 * The sync layer's capture triggers (installed by sync/changes on the core's connection) call
 * these functions. Every connection gets an inert version, so a second connection of a test, a
 * migration rebuilding a table or a tool opening the file through here can still write the synced
 * tables: with mode 0 the triggers capture nothing. The core's connection replaces them.
 */
export const SYNC_FUNCTIONS = { mode: 'nova_sync_mode', hlc: 'nova_sync_hlc', clocks: 'nova_sync_clocks', last: 'nova_sync_last', seq: 'nova_sync_seq' } as const;

function registerInertSyncFunctions(sqlite: Database.Database): void {
  sqlite.function(SYNC_FUNCTIONS.mode, { deterministic: false }, () => 0);
  for (const name of [SYNC_FUNCTIONS.hlc, SYNC_FUNCTIONS.last, SYNC_FUNCTIONS.seq]) sqlite.function(name, { deterministic: false }, () => null);
  // Arity counts in SQLite: the triggers call it with the list of fields.
  sqlite.function(SYNC_FUNCTIONS.clocks, { deterministic: false }, (_fields: unknown) => null);
}

function loadVectorExtension(sqlite: Database.Database): string {
  try {
    // Inside a packaged app the extension is unpacked beside app.asar (SQLite cannot load a
    // library out of the archive); elsewhere the path is used as it is.
    sqlite.loadExtension(sqliteVec.getLoadablePath().replace(/app\.asar(?=[\\/])/, 'app.asar.unpacked'));
    const row = sqlite.prepare('select vec_version() as version').get() as { version: string };
    return row.version;
  } catch (cause) {
    throw new AppError(
      ErrorCode.STORAGE_FAILED,
      'The sqlite-vec extension could not be loaded, so memory search cannot work. Reinstall Nova Studio; if it persists, report your platform.',
      { cause },
    );
  }
}

/**
 * Runs `work` in one write transaction (BEGIN IMMEDIATE, so two writers never deadlock on a
 * lock upgrade). Everything a user action changes commits together or not at all.
 */
/**
 * Runs a write whose loss in a power cut costs nothing (a running job's progress) without waiting
 * for the disk: synchronous=NORMAL for its commit, then FULL again. The WAL keeps commits in
 * order, so a later FULL commit flushes this one too, and a power cut can only lose a tail of
 * such writes, never one before a save that survived. Inside a transaction the level cannot
 * change: the write then simply commits with the transaction.
 */
export function withoutFlush<T>(sqlite: Database.Database, write: () => T): T {
  if (sqlite.inTransaction) return write();
  sqlite.pragma('synchronous = NORMAL');
  try {
    return write();
  } finally {
    sqlite.pragma('synchronous = FULL');
  }
}

export function inTransaction<T>(database: AppDatabase, work: () => T): T {
  return database.sqlite.transaction(work).immediate();
}
