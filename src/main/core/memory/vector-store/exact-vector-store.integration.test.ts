import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type AppDatabase } from '../../db/connection';
import { createExactVectorStore } from './exact-vector-store';

const P1 = '11111111-1111-4111-8111-111111111111';
const P2 = '22222222-2222-4222-8222-222222222222';

describe('exact vector store (sqlite-vec vec0)', () => {
  let database: AppDatabase;
  afterEach(() => database.close());

  it('finds the nearest vectors of one project only, and forgets deleted ones', async () => {
    database = openDatabase({ file: ':memory:' });
    const store = createExactVectorStore(database.sqlite);
    expect(store.space()).toBeNull();
    store.useSpace({ model: 'test', dimensions: 3 });
    store.upsert([
      { id: 1, projectId: P1, vector: new Float32Array([1, 0, 0]) },
      { id: 2, projectId: P1, vector: new Float32Array([0, 1, 0]) },
      { id: 3, projectId: P2, vector: new Float32Array([1, 0.01, 0]) },
    ]);
    expect((await store.search(P1, new Float32Array([0.9, 0.1, 0]), 2)).map((hit) => hit.id)).toEqual([1, 2]);
    // Replacing a vector moves it.
    store.upsert([{ id: 2, projectId: P1, vector: new Float32Array([1, 0.05, 0]) }]);
    expect(store.count(P1)).toBe(2);
    store.delete([1]);
    expect((await store.search(P1, new Float32Array([1, 0, 0]), 5)).map((hit) => hit.id)).toEqual([2]);
    expect(() => store.upsert([{ id: 9, projectId: P1, vector: new Float32Array([1, 0]) }])).toThrow(/2 dimensions/);
  });

  it('drops every vector when the embedding space changes, and remembers the space across opens', () => {
    database = openDatabase({ file: ':memory:' });
    const store = createExactVectorStore(database.sqlite);
    expect(store.useSpace({ model: 'a', dimensions: 2 })).toEqual({ changed: false });
    store.upsert([{ id: 1, projectId: P1, vector: new Float32Array([1, 0]) }]);
    expect(store.useSpace({ model: 'a', dimensions: 2 })).toEqual({ changed: false });
    expect(store.useSpace({ model: 'b', dimensions: 4 })).toEqual({ changed: true });
    expect(store.count()).toBe(0);
    expect(createExactVectorStore(database.sqlite).space()).toEqual({ model: 'b', dimensions: 4 });
  });
});
