import type { DocNode } from '../../../../shared/models/document';

/**
 * A copy of a scene's unsaved text in localStorage, written on every change and removed once
 * the core has stored that text. If the window crashes or closes before a save lands, the next
 * open of the scene finds the copy and offers to recover it.
 */
export interface JournalEntry {
  sceneId: string;
  content: DocNode;
  /** The revision the unsaved text was typed on top of. */
  baseRevision: number;
  /** When the copy was written (ms since the epoch). */
  writtenAt: number;
}

/** The part of the Web Storage API the journal needs (tests pass a fake). */
export type JournalStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

const PREFIX = 'nova.journal.';

export interface CrashJournal {
  write(entry: JournalEntry): void;
  read(sceneId: string): JournalEntry | null;
  clear(sceneId: string): void;
}

/** Creates a journal over `storage` (window.localStorage in the app). */
export function createCrashJournal(storage: JournalStorage | null): CrashJournal {
  return {
    write(entry) {
      try {
        storage?.setItem(PREFIX + entry.sceneId, JSON.stringify(entry));
      } catch {
        // Quota exceeded or storage disabled: autosave still runs; the journal is a second net.
      }
    },
    read(sceneId) {
      try {
        const raw = storage?.getItem(PREFIX + sceneId);
        if (!raw) return null;
        const parsed = JSON.parse(raw) as Partial<JournalEntry>;
        if (parsed.sceneId !== sceneId || typeof parsed.writtenAt !== 'number' || typeof parsed.baseRevision !== 'number') return null;
        if (!parsed.content || parsed.content.type !== 'doc') return null;
        return parsed as JournalEntry;
      } catch {
        return null;
      }
    },
    clear(sceneId) {
      try {
        storage?.removeItem(PREFIX + sceneId);
      } catch {
        // see write()
      }
    },
  };
}

/** The stored scene the journal is compared with. */
export interface StoredScene {
  revision: number;
  updatedAt: number;
  content: DocNode;
}

/**
 * Whether a journal copy holds text the core does not have: it differs from the stored text.
 * A copy is cleared once its text is stored or the writer drops it (Load the saved version,
 * Discard it), so one still here never reached the disk, even when the scene was stored after
 * it was written: by another window while the writer left a conflict open, or with only the
 * words before the last ones typed during a save. Comparing times hid such copies, and the next
 * keystroke overwrote them.
 */
export function journalIsNewer(entry: JournalEntry | null, scene: StoredScene): entry is JournalEntry {
  if (!entry) return false;
  return JSON.stringify(entry.content) !== JSON.stringify(scene.content);
}

/** The app's journal, over this window's localStorage. */
export function browserJournal(): CrashJournal {
  let storage: JournalStorage | null = null;
  try {
    storage = window.localStorage;
  } catch {
    storage = null;
  }
  return createCrashJournal(storage);
}
