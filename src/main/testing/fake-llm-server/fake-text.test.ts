import { describe, expect, it } from 'vitest';
import { fakeEmbedding } from './fake-text';

const cosine = (a: readonly number[], b: readonly number[]) => a.reduce((sum, v, i) => sum + v * (b[i] ?? 0), 0);

describe('fake embeddings', () => {
  it('put texts about one thing near each other without a shared word', () => {
    const query = fakeEmbedding('sea in darkness', 64);
    const ocean = cosine(query, fakeEmbedding('the ocean at night', 64));
    const forest = cosine(query, fakeEmbedding('the forest burned at noon', 64));
    const market = cosine(query, fakeEmbedding('prices at the city market', 64));
    expect(ocean).toBeGreaterThan(0.8);
    expect(ocean).toBeGreaterThan(forest + 0.5);
    expect(ocean).toBeGreaterThan(market + 0.5);
  });

  it('are deterministic unit vectors, different for different words', () => {
    const rain = fakeEmbedding('rain', 16);
    expect(fakeEmbedding('rain', 16)).toEqual(rain);
    expect(fakeEmbedding('sun', 16)).not.toEqual(rain);
    expect(Math.hypot(...rain)).toBeCloseTo(1, 6);
    expect(Math.hypot(...fakeEmbedding('', 8))).toBeCloseTo(1, 6);
  });
});
