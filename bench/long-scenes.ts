import type { MethodInput, MethodName, MethodOutput } from '../src/shared/ipc/contract';
import type { DocNode } from '../src/shared/models/document';
import { generateScene } from './manuscript-generator';
import type { Row } from './stats';

/** One way to call the core: straight to the handler, or over the WebSocket. */
export type Via = <M extends MethodName>(method: M, input: MethodInput<M>) => Promise<MethodOutput<M>>;

export interface LongSceneBench {
  direct: Via;
  ws: Via;
  /** Measures `run` both ways and adds a row. */
  both(operation: string, iterations: number, run: (via: Via, i: number) => Promise<unknown>): Promise<void>;
  rows: Row[];
  random: () => number;
  chapterId: string;
  projectId: string;
}

/** Word counts of the long-scene rows; NOVA_BENCH_SAVE_WORDS=10000 runs fewer (the old counter needed 115 s for 80k). */
export function longSceneSizes(): number[] {
  const configured = process.env.NOVA_BENCH_SAVE_WORDS;
  return configured ? configured.split(',').map(Number) : [10_000, 80_000, 300_000];
}

/**
 * A manuscript pasted into one scene (issue 6, point 23): saving 10k-, 80k- and 300k-word
 * scenes, and — the point of measuring text off the event loop — how long another client's
 * small call waits while a 300k-word save is under way.
 */
export async function longSceneRows(bench: LongSceneBench, sizes: readonly number[]): Promise<void> {
  let biggest: { sceneId: string; docs: DocNode[]; revision: number } | null = null;
  for (const words of sizes) {
    const scene = await bench.direct('scene.create', { chapterId: bench.chapterId, title: `Pasted ${words}` });
    const docs = [generateScene(bench.random, words), generateScene(bench.random, words)];
    const state = { sceneId: scene.id, docs, revision: 0 };
    const iterations = words >= 100_000 ? 3 : 5;
    await bench.both(`scene save (${(words / 1000).toString()}k words)`, iterations, async (via, i) => {
      const saved = await via('scene.save', { id: state.sceneId, content: docs[i % docs.length] ?? { type: 'doc' }, baseRevision: state.revision });
      state.revision = saved.revision;
    });
    biggest = state;
  }
  if (!biggest) return;
  const big = biggest;
  const waits = async (via: Via) => {
    const times: number[] = [];
    for (let i = 0; i < 3; i += 1) {
      const save = via('scene.save', { id: big.sceneId, content: big.docs[i % big.docs.length] ?? { type: 'doc' }, baseRevision: big.revision });
      const start = performance.now();
      await via('project.get', { id: bench.projectId });
      times.push(performance.now() - start);
      big.revision = (await save).revision;
    }
    return times;
  };
  const words = `${((sizes.at(-1) ?? 0) / 1000).toString()}k`;
  bench.rows.push({ operation: `project.get during a ${words}-word save`, direct: await waits(bench.direct), transport: await waits(bench.ws) });
}
