import type { DocNode } from '../../shared/models/document';
import { createDevice, sameScene, sendState, type Device } from './scene-doc-devices';
import { seededRandom, type SeededRandom } from '../core/platform/seeded-random';

/**
 * A seeded fuzzer of concurrent scene edits: replicas (devices, each with editor tabs) edit one
 * scene offline through the real save path (stale saves merge, merged answers are shown or not),
 * exchange updates in random order, and must converge. Used by the test (small) and the
 * benchmark (bigger).
 */

type Run = { text: string; bold: boolean };
type Para = Run[];

interface Tab {
  paras: Para[];
  revision: number;
  ownBase: boolean;
}

interface Replica {
  device: Device;
  tabs: Tab[];
  /** Per peer, the last local log entry sent to it. */
  sent: number[];
}

export interface FuzzOptions {
  seed: number;
  replicas: number;
  steps: number;
  /**
   * Paragraph structure edits besides inserts, deletes and bold: none; splits (a split moves the
   * tail to a new paragraph as a copy, so two devices splitting one paragraph offline both copy
   * it — duplicated, never lost); or splits and joins (a join deletes the second paragraph: text
   * typed into it elsewhere meanwhile goes with it).
   */
  structure: 'none' | 'splits' | 'splits-joins';
}

export interface FuzzResult {
  /** Every replica's final content, as JSON. */
  contents: string[];
  /** Every token a tab inserted and saved. */
  tokens: string[];
  /** How often each token appears intact in the converged text. */
  counts: Map<string, number>;
  /**
   * How many token openings (⟦) the converged text holds. Equal to the number of tokens when no
   * insertion was lost or duplicated, even where two insertions made at the same spot at the
   * same time interleave (a save is a text diff: where it repeats characters, Yjs may place the
   * other side's insertion between them).
   */
  openings: number;
  saves: number;
  merges: number;
  exchanges: number;
  dispose(): void;
}

type Rng = SeededRandom;

const TOKEN = /⟦[^⟧]*⟧/g;
const FILLER = 'the tide came in over the grey stones while gulls wheeled above the harbour wall';

function toDoc(paras: Para[]): DocNode {
  return {
    type: 'doc',
    content: paras.map((runs) => {
      const content = runs.filter((r) => r.text.length > 0).map((r): DocNode => (r.bold ? { type: 'text', text: r.text, marks: [{ type: 'bold' }] } : { type: 'text', text: r.text }));
      return content.length === 0 ? { type: 'paragraph' } : { type: 'paragraph', content };
    }),
  };
}

function fromDoc(doc: DocNode): Para[] {
  return (doc.content ?? []).map((block) => (block.content ?? []).map((node) => ({ text: node.text ?? '', bold: (node.marks ?? []).some((m) => m.type === 'bold') })));
}

/** A paragraph as characters with their boldness. */
const chars = (para: Para) => para.flatMap((r) => [...r.text].map((c) => ({ c, bold: r.bold })));
const fromChars = (list: Array<{ c: string; bold: boolean }>): Para => {
  const runs: Para = [];
  for (const { c, bold } of list) {
    const last = runs.at(-1);
    if (last && last.bold === bold) last.text += c;
    else runs.push({ text: c, bold });
  }
  return runs;
};
const plain = (para: Para) => para.map((r) => r.text).join('');

/** Offsets (in code points) inside a token, where nothing may be cut or inserted. */
function insideTokens(text: string): Set<number> {
  const codePoints = [...text];
  const inside = new Set<number>();
  const offsets: number[] = [];
  let unit = 0;
  for (const cp of codePoints) {
    offsets.push(unit);
    unit += cp.length;
  }
  for (const match of text.matchAll(TOKEN)) {
    const start = offsets.indexOf(match.index);
    const length = [...match[0]].length;
    for (let i = start; i < start + length; i += 1) inside.add(i);
  }
  return inside;
}

/** One edit of one paragraph (so each text block changes in one contiguous place per save). */
function editParagraph(tab: Tab, index: number, rng: Rng, token: () => string, structure: FuzzOptions['structure']): void {
  const para = tab.paras[index] as Para;
  const list = chars(para);
  const inside = insideTokens(plain(para));
  // Cut points not between two characters of a token.
  const cut = Array.from({ length: list.length + 1 }, (_, i) => i).filter((i) => !(inside.has(i) && inside.has(i - 1)));
  const at = cut[rng.int(cut.length)] ?? 0;
  const kinds = { none: [0, 1, 3], splits: [0, 1, 2, 3], 'splits-joins': [0, 1, 2, 3, 4] }[structure];
  const kind = kinds[rng.int(kinds.length)];
  if (kind === 0) {
    const bold = list[at - 1]?.bold ?? false;
    tab.paras[index] = fromChars([...list.slice(0, at), ...[...token()].map((c) => ({ c, bold })), ...list.slice(at)]);
  } else if (kind === 1) {
    let end = at;
    while (end < list.length && end - at < 1 + rng.int(6) && !inside.has(end)) end += 1;
    tab.paras[index] = fromChars([...list.slice(0, at), ...list.slice(end)]);
  } else if (kind === 2) {
    tab.paras.splice(index, 1, fromChars(list.slice(0, at)), fromChars(list.slice(at)));
  } else if (kind === 3) {
    const end = Math.min(list.length, at + 1 + rng.int(12));
    const bold = rng.chance(0.5);
    tab.paras[index] = fromChars(list.map((ch, i) => (i >= at && i < end ? { ...ch, bold } : ch)));
  } else if (index + 1 < tab.paras.length) {
    tab.paras.splice(index, 2, [...para, ...(tab.paras[index + 1] as Para)]);
  }
}

/** Runs a fuzz session; call `dispose` on the result. */
export async function runSceneDocFuzz(options: FuzzOptions): Promise<FuzzResult> {
  const rng = seededRandom(options.seed);
  const devices = Array.from({ length: options.replicas }, (_, i) => createDevice(options.seed * 100 + i + 1));
  const result = { saves: 0, merges: 0, exchanges: 0 };
  const tokens: string[] = [];
  try {
    const sceneId = await sameScene(...devices);
    const first = devices[0] as Device;
    const start = FILLER.split(' ');
    await first.call('scene.save', { id: sceneId, content: toDoc([0, 1, 2].map((i) => [{ text: start.slice(i * 5, i * 5 + 5).join(' '), bold: false }])), baseRevision: 0 });
    for (const other of devices.slice(1)) sendState(first, other, sceneId);

    const load = async (device: Device): Promise<Tab> => {
      const scene = await device.call('scene.get', { id: sceneId });
      return { paras: fromDoc(scene.content), revision: scene.revision, ownBase: false };
    };
    const replicas: Replica[] = [];
    for (const device of devices) replicas.push({ device, tabs: [await load(device), await load(device)], sent: devices.map(() => 0) });

    const exchange = (from: Replica, toIndex: number) => {
      const to = replicas[toIndex] as Replica;
      const fromIndex = replicas.indexOf(from);
      const changes = from.device.core.services.sceneDocs.changesSince(from.sent[toIndex] ?? 0, 10_000);
      // Any order: shuffled.
      const shuffled = [...changes].sort(() => rng.next() - 0.5);
      for (const change of shuffled) to.device.core.services.sceneDocs.applyRemoteUpdate(sceneId, change.update);
      const last = changes.at(-1);
      if (last) from.sent[toIndex] = last.seq;
      result.exchanges += fromIndex === toIndex ? 0 : 1;
    };

    for (let step = 0; step < options.steps; step += 1) {
      const replica = replicas[rng.int(replicas.length)] as Replica;
      const roll = rng.next();
      if (roll < 0.55) {
        const tabIndex = rng.int(replica.tabs.length);
        const tab = replica.tabs[tabIndex] as Tab;
        const touched = new Set<number>();
        for (let n = 1 + rng.int(2); n > 0; n -= 1) {
          const index = rng.int(tab.paras.length);
          // One contiguous change per paragraph per save (see the report: a save is a diff).
          if (touched.has(index) || touched.has(index + 1) || touched.has(index - 1)) continue;
          touched.add(index);
          editParagraph(tab, index, rng, () => {
            const token = `⟦${replicas.indexOf(replica)}.${tabIndex}.${step}.${n}⟧`;
            tokens.push(token);
            return token;
          }, options.structure);
        }
        const sent = toDoc(tab.paras);
        const saved = await replica.device.call('scene.save', { id: sceneId, content: sent, baseRevision: tab.revision, ...(tab.ownBase && { ownBase: true }) });
        result.saves += 1;
        tab.revision = saved.revision;
        if (saved.content) {
          result.merges += 1;
          // Sometimes the writer is still typing: the editor keeps its own text and says so next time.
          const shows = rng.chance(0.7);
          if (shows) tab.paras = fromDoc(saved.content);
          tab.ownBase = !shows;
        } else tab.ownBase = false;
      } else if (roll < 0.65) {
        const tabIndex = rng.int(replica.tabs.length);
        replica.tabs[tabIndex] = await load(replica.device);
      } else if (roll < 0.92) {
        exchange(replica, rng.int(replicas.length));
      } else {
        const other = replicas[rng.int(replicas.length)] as Replica;
        if (other !== replica) sendState(replica.device, other.device, sceneId);
      }
    }
    // Everyone hears everything.
    for (const from of replicas) for (const to of replicas) if (from !== to) sendState(from.device, to.device, sceneId);
    const contents: string[] = [];
    for (const replica of replicas) contents.push(JSON.stringify((await replica.device.call('scene.get', { id: sceneId })).content));
    const text = fromDoc(JSON.parse(contents[0] ?? '{}') as DocNode).map(plain).join('\n');
    const counts = new Map(tokens.map((token) => [token, text.split(token).length - 1]));
    const openings = [...text].filter((c) => c === '⟦').length;
    return { contents, tokens, counts, openings, ...result, dispose: () => devices.forEach((d) => d.dispose()) };
  } catch (error) {
    devices.forEach((d) => d.dispose());
    throw error;
  }
}
