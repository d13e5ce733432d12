/**
 * Synthetic vectors for the memory-scale benchmark, generated with a fixed seed and by index, so
 * a million of them never sit in memory at once and a query set can be made again at will.
 *
 * - `clustered`: isotropic Gaussian clusters around random centres — easy for every method.
 * - `embedding`: shaped like sentence embeddings — a strong common direction (random pairs have
 *   cosine ~0.3–0.7), topics, and small tight groups of near-paraphrases whose members are each
 *   other's nearest neighbours at cosine ~0.88–0.96. Binary codes and coarse quantization
 *   lose the fine differences here, which is why the benchmark uses this shape too.
 */
import { seededRandom } from './manuscript-generator';

export type VectorShape = 'clustered' | 'embedding';

export interface VectorSource {
  shape: VectorShape;
  dimensions: number;
  /** Vector `i` of the set (deterministic). */
  vector(i: number): Float32Array;
  /** Query `j` against the first `size` vectors: a new vector drawn near the stored ones. */
  query(j: number, size: number): Float32Array;
}

/** Members per group of near-paraphrases in the embedding shape. */
const GROUP_SIZE = 16;
const TOPICS = 512;
const CLUSTERS = 1024;

function gaussian(random: () => number): number {
  const u = Math.max(random(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

function unitGaussian(random: () => number, dimensions: number): Float32Array {
  const out = new Float32Array(dimensions);
  for (let d = 0; d < dimensions; d += 1) out[d] = gaussian(random);
  return normalize(out);
}

export function normalize(vector: Float32Array): Float32Array {
  let norm = 0;
  for (const x of vector) norm += x * x;
  const scale = 1 / Math.sqrt(norm || 1);
  for (let d = 0; d < vector.length; d += 1) vector[d] = (vector[d] ?? 0) * scale;
  return vector;
}

/** Seeds a stream per (set seed, index) so any vector can be made on its own. */
const streamSeed = (seed: number, salt: number, i: number) => (Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(i + salt * 0x3c6ef372, 0xc2b2ae35)) >>> 0;

function cached(make: (i: number) => Float32Array, limit = 200_000): (i: number) => Float32Array {
  const cache = new Map<number, Float32Array>();
  return (i) => {
    let value = cache.get(i);
    if (!value) {
      value = make(i);
      if (cache.size < limit) cache.set(i, value);
    }
    return value;
  };
}

export function vectorSource(shape: VectorShape, dimensions: number, seed: number): VectorSource {
  const at = (salt: number, i: number) => seededRandom(streamSeed(seed, salt, i));
  if (shape === 'clustered') {
    const centre = cached((c) => unitGaussian(at(1, c), dimensions));
    return {
      shape,
      dimensions,
      vector(i) {
        const random = at(2, i);
        const base = centre(Math.floor(random() * CLUSTERS));
        const out = new Float32Array(dimensions);
        for (let d = 0; d < dimensions; d += 1) out[d] = (base[d] ?? 0) + 0.02 * gaussian(random);
        return normalize(out);
      },
      query(j) {
        return this.vector(0x4000_0000 + j);
      },
    };
  }
  const common = unitGaussian(at(3, 0), dimensions);
  const topic = cached((t) => unitGaussian(at(4, t), dimensions));
  // A group: its topic, its own direction, and how strongly it leans on the common direction.
  const group = cached((g) => {
    const random = at(5, g);
    const t = topic(Math.floor(random() * TOPICS));
    const own = unitGaussian(random, dimensions);
    const lean = 0.55 + 0.3 * random();
    const out = new Float32Array(dimensions);
    for (let d = 0; d < dimensions; d += 1) out[d] = lean * (common[d] ?? 0) + 0.35 * (t[d] ?? 0) + 0.45 * (own[d] ?? 0);
    return normalize(out);
  });
  const member = (random: () => number, g: number) => {
      const base = group(g);
      const noise = 0.25 + 0.13 * random();
      const out = new Float32Array(dimensions);
      const scale = noise / Math.sqrt(dimensions);
      for (let d = 0; d < dimensions; d += 1) out[d] = (base[d] ?? 0) + scale * gaussian(random);
      return normalize(out);
  };
  return {
    shape,
    dimensions,
    vector: (i) => member(at(6, i), Math.floor(i / GROUP_SIZE)),
    query(j, size) {
      const random = at(7, j);
      return member(random, Math.floor(random() * Math.max(1, Math.floor(size / GROUP_SIZE))));
    },
  };
}

export function cosine(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  for (let d = 0; d < a.length; d += 1) dot += (a[d] ?? 0) * (b[d] ?? 0);
  return dot;
}
