import type { CodexEntry } from '../../../shared/models/codex';
import type { Outline } from '../../../shared/models/manuscript';
import type { PlanTarget } from '../../../shared/models/plans';
import type { RunTarget } from '../../../shared/models/runs';

/** What the book offers to resolve names against. */
export interface BookIndex {
  outline: Outline;
  entries: readonly CodexEntry[];
  /** The scene open in the editor, if any. */
  openSceneId?: string | undefined;
}

/** The names a message gives for what it is about ("4", "The Storm", "Mara"). */
export interface NamedTarget {
  chapter?: string | null | undefined;
  entry?: string | null | undefined;
}

/** A target the run can use, or the one question to ask for it. */
export type TargetResolution = { ok: true; target: RunTarget; label: string | null } | { ok: false; question: string };

const NUMBER_WORDS = ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen', 'twenty'];
const norm = (text: string) => text.trim().toLowerCase().replace(/[“”"']/gu, '').replace(/\s+/gu, ' ');
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');

/** "4", "four", "Chapter 4", "chapter four" → 4; anything else → null. */
function chapterNumber(name: string): number | null {
  const bare = norm(name).replace(/^chapter\s+/u, '');
  if (/^\d{1,3}$/u.test(bare)) return Number(bare);
  const word = NUMBER_WORDS.indexOf(bare);
  return word >= 0 ? word + 1 : null;
}

/** "Chapter 4: The Storm" — how a chapter is named to the writer and the model. */
export function chapterLabel(outline: Outline, chapterId: string): string {
  const index = outline.chapters.findIndex((c) => c.id === chapterId);
  const chapter = outline.chapters[index];
  if (!chapter) return 'the chapter';
  return /^chapter\b/iu.test(chapter.title) ? chapter.title : `Chapter ${index + 1}: ${chapter.title}`;
}

/** A chapter named by number (its position in the outline), by title, or by "Chapter N" title. */
export function findChapter(outline: Outline, name: string): Outline['chapters'][number] | undefined {
  const wanted = norm(name);
  const byTitle = outline.chapters.find((c) => norm(c.title) === wanted || norm(c.title) === `chapter ${wanted}`);
  if (byTitle) return byTitle;
  const n = chapterNumber(name);
  return n === null ? undefined : outline.chapters[n - 1];
}

/** A codex entry by name or alias, ignoring case and quotes. */
export function findEntry(entries: readonly CodexEntry[], name: string): CodexEntry | undefined {
  const wanted = norm(name).replace(/[’']s$/u, '');
  return entries.find((e) => norm(e.name) === wanted) ?? entries.find((e) => e.aliases.some((a) => norm(a) === wanted));
}

/**
 * What a message names without a model: "chapter 4" / "chapter four" / a chapter's title, and
 * the first codex entry whose name or alias appears as whole words (longest names first).
 */
export function namedInMessage(message: string, book: Pick<BookIndex, 'outline' | 'entries'>): NamedTarget {
  const number = new RegExp(`\\bchapter\\s+(\\d{1,3}|${NUMBER_WORDS.join('|')})\\b`, 'iu').exec(message)?.[1];
  const titled = book.outline.chapters.find((c) => c.title.trim().length > 2 && new RegExp(`\\b${escapeRegExp(c.title.trim())}\\b`, 'iu').test(message));
  const names = book.entries.flatMap((e) => [e.name, ...e.aliases].map((name) => ({ e, name: name.trim() }))).filter((n) => n.name.length > 0);
  names.sort((a, b) => b.name.length - a.name.length);
  const entry = names.find((n) => new RegExp(`(^|[^\\p{L}\\p{N}])${escapeRegExp(n.name)}(?=$|[^\\p{L}\\p{N}])`, 'iu').test(message))?.e;
  return { chapter: number ?? titled?.title ?? null, entry: entry?.name ?? null };
}

/**
 * Resolves what a plan needs (`need`) from the names given, else from the open scene (its
 * chapter, for a chapter plan); when it cannot, the question to ask — never a guess.
 * `what` names the job in the question ("Draft a chapter from its outline").
 */
export function resolveTarget(need: PlanTarget, named: NamedTarget, book: BookIndex, what: string): TargetResolution {
  const openChapter = book.openSceneId ? book.outline.chapters.find((c) => c.scenes.some((s) => s.id === book.openSceneId)) : undefined;
  if (need === 'none') return { ok: true, target: {}, label: null };
  if (need === 'chapter') {
    if (named.chapter) {
      const chapter = findChapter(book.outline, named.chapter);
      if (chapter) return { ok: true, target: { chapterId: chapter.id }, label: chapterLabel(book.outline, chapter.id) };
      const count = book.outline.chapters.length;
      const has = count === 0 ? 'The book has no chapters yet.' : `The book has ${count} chapter${count === 1 ? '' : 's'}.`;
      return { ok: false, question: `I couldn’t find chapter “${named.chapter}”. ${has} Which chapter should “${what}” work on?` };
    }
    if (openChapter) return { ok: true, target: { chapterId: openChapter.id }, label: chapterLabel(book.outline, openChapter.id) };
    return { ok: false, question: `Which chapter should “${what}” work on?` };
  }
  if (need === 'entry') {
    if (named.entry) {
      const entry = findEntry(book.entries, named.entry);
      if (entry) return { ok: true, target: { entryId: entry.id }, label: entry.name };
      return { ok: false, question: `I couldn’t find “${named.entry}” in the codex. Add them to the codex first, or tell me which entry “${what}” should work on.` };
    }
    return { ok: false, question: `Which codex entry should “${what}” work on?` };
  }
  const scene = book.openSceneId ? book.outline.chapters.flatMap((c) => c.scenes).find((s) => s.id === book.openSceneId) : undefined;
  if (scene) return { ok: true, target: { sceneId: scene.id }, label: scene.title };
  return { ok: false, question: `Open the scene “${what}” should work on, then ask again.` };
}

/** A target for a job that needs none in particular: what the message names, if anything (chapter first). */
export function optionalTarget(named: NamedTarget, book: BookIndex): { target: RunTarget; label: string | null } {
  const chapter = named.chapter ? findChapter(book.outline, named.chapter) : undefined;
  if (chapter) return { target: { chapterId: chapter.id }, label: chapterLabel(book.outline, chapter.id) };
  const entry = named.entry ? findEntry(book.entries, named.entry) : undefined;
  if (entry) return { target: { entryId: entry.id }, label: entry.name };
  return { target: {}, label: null };
}
