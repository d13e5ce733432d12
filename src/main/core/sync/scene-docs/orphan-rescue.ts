import * as Y from 'yjs';

/**
 * Text typed into a paragraph that a concurrent edit removed — most often a join (Backspace at
 * the start of a paragraph, or Delete at the end of the one before): ProseMirror joins by copying
 * the second paragraph's text into the first and deleting the second, so Yjs deletes whatever was
 * typed into the second one concurrently along with it (that text "lands in a deleted parent").
 * Bound editors would lose it; this module puts it back, where the joined text went.
 *
 * Only text written on this device is put back ({@link RescueOptions.isLocalClient}): the device
 * that wrote it is the one device that rescues it, so two devices never both re-insert it.
 */
export interface RescueOptions {
  /** True when the Yjs client wrote on this device (its editors, its saves). */
  isLocalClient(client: number): boolean;
  /** The scene's stored updates (base, then log), to read the orphaned text and its neighbours in full. */
  history(): Uint8Array[];
}

/** What {@link applyWithRescue} did. */
export interface RescueResult {
  /** The update changed the document. */
  changed: boolean;
  /** The rescue's own update (text put back), or null when nothing was orphaned. */
  rescue: Uint8Array | null;
}

/** How many characters either side of orphaned text place it in the joined paragraph. */
const CONTEXT = 32;

/**
 * Applies `update` to `doc` (as `origin`); then, if it orphaned text written on this device or
 * brought such text in already orphaned, inserts that text again next to its old neighbours.
 */
export function applyWithRescue(doc: Y.Doc, update: Uint8Array, origin: unknown, options: RescueOptions): RescueResult {
  const incoming = Y.decodeUpdate(update);
  const before = Y.encodeStateVector(doc);
  const known = Y.decodeStateVector(before);
  const orphans: Y.ID[] = [];
  let changed = false;
  const onUpdate = () => {
    changed = true;
  };
  // Text this update deleted only because its paragraph went (not named in the update's own deletions).
  const onAfter = (transaction: Y.Transaction) => {
    Y.iterateDeletedStructs(transaction, transaction.deleteSet, (struct) => {
      if (struct instanceof Y.Item && isText(struct) && !Y.isDeleted(incoming.ds, struct.id) && options.isLocalClient(struct.id.client)) {
        if (struct.id.clock < (known.get(struct.id.client) ?? 0)) orphans.push(struct.id);
      }
    });
  };
  doc.on('update', onUpdate);
  doc.on('afterTransaction', onAfter);
  try {
    Y.applyUpdate(doc, update, origin);
  } finally {
    doc.off('update', onUpdate);
    doc.off('afterTransaction', onAfter);
  }
  // Text that arrived into a paragraph already gone (it became deleted, or garbage, on arrival).
  for (const struct of incoming.structs) {
    if (!(struct instanceof Y.Item) || !(struct.content instanceof Y.ContentString)) continue;
    if (struct.id.clock < (known.get(struct.id.client) ?? 0) || Y.isDeleted(incoming.ds, struct.id)) continue;
    const stored = storedStruct(doc, struct.id);
    if (stored && (!(stored instanceof Y.Item) || stored.deleted) && options.isLocalClient(struct.id.client)) orphans.push(struct.id);
  }
  if (orphans.length === 0) return { changed, rescue: null };
  return { changed: true, rescue: rescueInto(doc, orphans, [...options.history(), update]) };
}

const isText = (item: Y.Item) => item.content instanceof Y.ContentString && item.parent instanceof Y.XmlText;

function storedStruct(doc: Y.Doc, id: Y.ID): Y.Item | Y.GC | null {
  const structs = doc.store.clients.get(id.client);
  if (!structs || id.clock >= Y.getState(doc.store, id.client)) return null;
  return structs[Y.findIndexSS(structs, id.clock)] as Y.Item | Y.GC;
}

/** One run of orphaned text: consecutive items of one (deleted) text node. */
interface Run {
  text: Y.XmlText;
  first: Y.Item;
  value: string;
}

/** Re-inserts each run of orphaned text into the nearest live text before its old place; returns that update. */
function rescueInto(doc: Y.Doc, orphans: readonly Y.ID[], updates: readonly Uint8Array[]): Uint8Array | null {
  // Every struct with its content, deleted ones included: where the orphans sat, and beside what.
  const history = new Y.Doc({ gc: false });
  Y.transact(history, () => {
    for (const u of updates) Y.applyUpdate(history, u);
  });
  const wanted = new Set(orphans.map((id) => `${String(id.client)}:${String(id.clock)}`));
  const isOrphan = (item: Y.Item) => {
    for (let i = 0; i < item.length; i += 1) if (wanted.has(`${String(item.id.client)}:${String(item.id.clock + i)}`)) return true;
    return false;
  };
  const texts = textNodes(history.getXmlFragment('default'));
  const runs = texts.flatMap((text) => runsOf(text, isOrphan));
  if (runs.length === 0) return null;
  let rescue: Uint8Array | null = null;
  const capture = (bytes: Uint8Array) => {
    rescue = rescue === null ? bytes : Y.mergeUpdates([rescue, bytes]);
  };
  doc.on('update', capture);
  try {
    doc.transact(() => {
      for (const run of runs) putBack(doc, texts, run, isOrphan);
    }, 'rescue');
  } finally {
    doc.off('update', capture);
  }
  return rescue;
}

/** Every text node of the fragment in document order, deleted ones included. */
function textNodes(type: Y.XmlFragment | Y.XmlElement): Y.XmlText[] {
  const found: Y.XmlText[] = [];
  for (let item = type._start; item !== null; item = item.right) {
    if (!(item.content instanceof Y.ContentType)) continue;
    const child = item.content.type;
    if (child instanceof Y.XmlText) found.push(child);
    else if (child instanceof Y.XmlElement) found.push(...textNodes(child));
  }
  return found;
}

function runsOf(text: Y.XmlText, isOrphan: (item: Y.Item) => boolean): Run[] {
  const runs: Run[] = [];
  let current: Run | null = null;
  for (let item = text._start; item !== null; item = item.right) {
    if (item.content instanceof Y.ContentFormat) continue;
    if (item.content instanceof Y.ContentString && isOrphan(item)) {
      if (current) current.value += item.content.str;
      else runs.push((current = { text, first: item, value: item.content.str }));
    } else current = null;
  }
  return runs;
}

/** The text of a node's items around `first` (orphans left out), deleted ones included. */
function contextOf(run: Run, isOrphan: (item: Y.Item) => boolean): { left: string; right: string } {
  let left = '';
  for (let item = run.first.left; item !== null && left.length < CONTEXT; item = item.left) {
    if (item.content instanceof Y.ContentString && !isOrphan(item)) left = item.content.str + left;
  }
  let right = '';
  let item = run.first.right;
  while (item !== null && item.content instanceof Y.ContentString && isOrphan(item)) item = item.right;
  for (; item !== null && right.length < CONTEXT; item = item.right) {
    if (item.content instanceof Y.ContentString && !isOrphan(item)) right += item.content.str;
  }
  return { left: left.slice(-CONTEXT), right: right.slice(0, CONTEXT) };
}

/** Inserts a run into the live text node nearest before its old one (after it when none), beside the same words. */
function putBack(doc: Y.Doc, texts: readonly Y.XmlText[], run: Run, isOrphan: (item: Y.Item) => boolean): void {
  const index = texts.indexOf(run.text);
  const live = (candidate: Y.XmlText) => liveText(doc, candidate);
  let target: Y.XmlText | null = null;
  let after = true;
  for (let i = index - 1; i >= 0 && target === null; i -= 1) target = live(texts[i] as Y.XmlText);
  for (let i = index + 1; i < texts.length && target === null; i += 1) {
    target = live(texts[i] as Y.XmlText);
    after = false;
  }
  if (target === null) {
    const paragraph = new Y.XmlElement('paragraph');
    const text = new Y.XmlText();
    paragraph.insert(0, [text]);
    doc.getXmlFragment('default').push([paragraph]);
    text.insert(0, run.value);
    return;
  }
  const current = plainOf(target);
  const { left, right } = contextOf(run, isOrphan);
  target.insert(placeIn(current, left, right, after), run.value);
}

/** The live node of `text` in `doc` (same Yjs id), or null when it (or its paragraph) is deleted. */
function liveText(doc: Y.Doc, text: Y.XmlText): Y.XmlText | null {
  const id = text._item?.id;
  if (!id) return null;
  const stored = storedStruct(doc, id);
  if (!(stored instanceof Y.Item) || stored.deleted || !(stored.content instanceof Y.ContentType)) return null;
  const type = stored.content.type;
  return type instanceof Y.XmlText ? type : null;
}

/** The node's text with each embed as one character (Y.Text counts them so). */
function plainOf(text: Y.XmlText): string {
  return (text.toDelta() as Array<{ insert: unknown }>).map((op) => (typeof op.insert === 'string' ? op.insert : '\uFFFC')).join('');
}

/**
 * Where the run goes in `current`: after the longest tail of its left neighbours found there
 * (the last such place: joined text sits at the end), else before the longest head of its right
 * neighbours, else at the end (or the start, for a node after its old place).
 */
export function placeIn(current: string, left: string, right: string, after: boolean): number {
  for (let k = left.length; k > 0; k -= 1) {
    const at = current.lastIndexOf(left.slice(-k));
    if (at >= 0) return at + k;
  }
  for (let k = right.length; k > 0; k -= 1) {
    const at = current.indexOf(right.slice(0, k));
    if (at >= 0) return at;
  }
  return after ? current.length : 0;
}
