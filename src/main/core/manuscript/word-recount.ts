import { eq } from 'drizzle-orm';
import { countWords } from '../../../shared/text/word-count';
import { inTransaction, type AppDatabase } from '../db/connection';
import { settings } from '../db/schema';

/** The settings row naming the counter that made the stored word counts. */
const COUNTER_KEY = 'manuscript.wordCounter';
/**
 * Bump when {@link countWords} changes its rules. Version 1 (no row) counted with
 * Intl.Segmenter, whose figures differ from today's on hyphens, East Asian text and numbers.
 */
const COUNTER_VERSION = '2';

/**
 * Counts every scene's stored plain text again if the stored counts were made by another
 * version of the counter, so the tree, the totals and the live count in the editor agree from
 * the first start (rather than a scene at a time, as each is saved again). Runs once per
 * counter version: one linear pass over the text, in one transaction. Returns how many scene
 * counts changed.
 */
export function recountWordsIfStale(database: AppDatabase, now: number): number {
  const { sqlite, orm } = database;
  const stored = orm.select({ value: settings.value }).from(settings).where(eq(settings.key, COUNTER_KEY)).get();
  if (stored?.value === COUNTER_VERSION) return 0;
  return inTransaction(database, () => {
    const changes: Array<{ id: string; words: number }> = [];
    for (const row of sqlite.prepare('select id, plain_text as text, word_count as words from scenes').iterate() as Iterable<{ id: string; text: string; words: number }>) {
      const words = countWords(row.text);
      if (words !== row.words) changes.push({ id: row.id, words });
    }
    const update = sqlite.prepare('update scenes set word_count = ? where id = ?');
    for (const change of changes) update.run(change.words, change.id);
    orm
      .insert(settings)
      .values({ key: COUNTER_KEY, value: COUNTER_VERSION, updatedAt: now })
      .onConflictDoUpdate({ target: settings.key, set: { value: COUNTER_VERSION, updatedAt: now } })
      .run();
    return changes.length;
  });
}
