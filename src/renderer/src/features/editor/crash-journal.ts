import type { DocNode } from '../../../../shared/models/document';
import { indexedDbBlobs } from './journal-blobs';

/**
 * A copy of a scene's unsaved changes in localStorage, written on every change and removed once
 * the core has stored them. The editor, bound to the scene's Yjs document, writes `updates`:
 * its edits the core has not stored yet, which the next open of the scene merges in by itself
 * (Yjs updates apply on top of any newer text and twice is harmless). A copy with `content`
 * (whole text, written before the editor was bound to Yjs) is offered back to the writer.
 */
export type JournalEntry = TextCopy | UpdatesCopy;

interface CopyBase {
  sceneId: string;
  /** The revision the unsaved text was typed on top of. */
  baseRevision: number;
  /** When the copy was written (ms since the epoch). */
  writtenAt: number;
}

/** A whole-text copy: offered back with a preview (journalIsNewer). */
export interface TextCopy extends CopyBase {
  content: DocNode;
  updates?: undefined;
}

/** The editor's unsent Yjs updates, merged into one (base64): merged back in on the next open. */
export interface UpdatesCopy extends CopyBase {
  updates: string;
  content?: undefined;
}

/** The part of the Web Storage API the journal needs (tests pass a fake). */
export type JournalStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/**
 * Where copies too big for localStorage go (IndexedDB in the app): a pasted manuscript is
 * megabytes, and localStorage holds about five million characters for the whole origin.
 */
export interface JournalBlobStore {
  get(key: string): Promise<string | null>;
  set(key: string, value: string): Promise<void>;
  remove(key: string): Promise<void>;
}

const PREFIX = 'nova.journal.';
/** Copies up to this many characters go to localStorage, which is written before the next keystroke. */
const LOCAL_MAX_CHARS = 1_000_000;

export interface CrashJournal {
  write(entry: JournalEntry): void;
  /** The newest copy of a scene's unsaved text, if any. */
  read(sceneId: string): Promise<JournalEntry | null>;
  clear(sceneId: string): void;
}

function parseEntry(raw: string | null, sceneId: string): JournalEntry | null {
  if (!raw) return null;
  try {
    const parsed = JSON.parse(raw) as Partial<JournalEntry>;
    if (parsed.sceneId !== sceneId || typeof parsed.writtenAt !== 'number' || typeof parsed.baseRevision !== 'number') return null;
    if (typeof parsed.updates === 'string') return parsed as UpdatesCopy;
    if (!parsed.content || parsed.content.type !== 'doc') return null;
    return parsed as TextCopy;
  } catch {
    return null;
  }
}

/**
 * Creates a journal over `storage` (window.localStorage in the app), with big copies in
 * `blobs`. Blob writes run one after another in the order they were asked for; while one is
 * running, newer copies of a scene replace each other, so typing in a huge scene does not
 * queue up megabytes.
 */
export function createCrashJournal(storage: JournalStorage | null, blobs: JournalBlobStore | null = null): CrashJournal {
  const waiting = new Map<string, string | null>(); // scene → copy to store, or null to remove
  /** Scenes that may have a copy in `blobs` (written here, or found by read()): only these need removing. */
  const inBlobs = new Set<string>();
  let queue = Promise.resolve();

  const sendToBlobs = (sceneId: string, value: string | null) => {
    if (!blobs) return;
    if (value === null && !inBlobs.delete(sceneId)) return;
    if (value !== null) inBlobs.add(sceneId);
    const scheduled = waiting.has(sceneId);
    waiting.set(sceneId, value);
    if (scheduled) return;
    queue = queue.then(async () => {
      const next = waiting.get(sceneId) ?? null;
      waiting.delete(sceneId);
      try {
        await (next === null ? blobs.remove(PREFIX + sceneId) : blobs.set(PREFIX + sceneId, next));
      } catch {
        // Storage refused or unavailable: autosave still runs; the journal is a second net.
      }
    });
  };

  const writeLocal = (key: string, value: string): boolean => {
    if (value.length > LOCAL_MAX_CHARS) return false;
    try {
      storage?.setItem(key, value);
      return storage !== null;
    } catch {
      return false; // quota exceeded or storage disabled
    }
  };

  const removeLocal = (key: string) => {
    try {
      storage?.removeItem(key);
    } catch {
      // see writeLocal
    }
  };

  return {
    write(entry) {
      const serialized = JSON.stringify(entry);
      if (writeLocal(PREFIX + entry.sceneId, serialized)) {
        sendToBlobs(entry.sceneId, null);
        return;
      }
      // Too big (or no room): an older small copy stays in localStorage until this one lands; read() takes the newest.
      sendToBlobs(entry.sceneId, serialized);
    },
    async read(sceneId) {
      let local: string | null = null;
      try {
        local = storage?.getItem(PREFIX + sceneId) ?? null;
      } catch {
        local = null;
      }
      const localEntry = parseEntry(local, sceneId);
      if (!blobs) return localEntry;
      await queue;
      let big: string | null = null;
      try {
        big = await blobs.get(PREFIX + sceneId);
      } catch {
        big = null;
      }
      const bigEntry = parseEntry(big, sceneId);
      if (big !== null) inBlobs.add(sceneId);
      if (!bigEntry) return localEntry;
      return localEntry && localEntry.writtenAt > bigEntry.writtenAt ? localEntry : bigEntry;
    },
    clear(sceneId) {
      removeLocal(PREFIX + sceneId);
      sendToBlobs(sceneId, null);
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
export function journalIsNewer(entry: JournalEntry | null, scene: StoredScene): entry is TextCopy {
  if (!entry?.content) return false;
  return JSON.stringify(entry.content) !== JSON.stringify(scene.content);
}

/** The app's journal, over this window's localStorage and IndexedDB. */
export function browserJournal(): CrashJournal {
  let storage: JournalStorage | null = null;
  try {
    storage = window.localStorage;
  } catch {
    storage = null;
  }
  return createCrashJournal(storage, indexedDbBlobs());
}
