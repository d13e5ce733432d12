import { eq } from 'drizzle-orm';
import { DEFAULT_PREFS, prefsSchema, type Prefs } from '../../../shared/models/app';
import type { AppDatabase } from '../db/connection';
import { settings } from '../db/schema';
import type { Clock } from '../platform/clock';

const PREFS_KEY = 'prefs';

/** User preferences, kept in the database so every window and the browser mode share them. */
export function createPrefsService({ database, clock }: { database: AppDatabase; clock: Clock }) {
  const db = database.orm;
  const read = (): Prefs => {
    const row = db.select().from(settings).where(eq(settings.key, PREFS_KEY)).get();
    if (!row) return DEFAULT_PREFS;
    // A preference written by a newer or older version may lack fields: fill them from defaults.
    const parsed = prefsSchema.partial().safeParse(JSON.parse(row.value));
    return { ...DEFAULT_PREFS, ...(parsed.success ? parsed.data : {}) };
  };
  return {
    get: read,
    update(changes: Partial<Prefs>): Prefs {
      const next = { ...read(), ...Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) };
      const value = JSON.stringify(next);
      db.insert(settings)
        .values({ key: PREFS_KEY, value, updatedAt: clock.now() })
        .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: clock.now() } })
        .run();
      return next;
    },
  };
}

export type PrefsService = ReturnType<typeof createPrefsService>;
