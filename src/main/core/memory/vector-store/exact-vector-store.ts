import type Database from 'better-sqlite3';
import type { VectorHit, VectorRow, VectorSpace, VectorStore } from './vector-store.types';

const TABLE = 'memory_vectors';
const VECTOR_CHUNK_ROWS = 128;

/**
 * Vectors in a sqlite-vec `vec0` table partitioned by project, searched exactly (a full scan
 * of the project's partition). Correct at any size and the source of truth an accelerating
 * index is rebuilt from; fast enough alone for a few hundred thousand chunks per project.
 */
export function createExactVectorStore(sqlite: Database.Database): VectorStore {
  let current = readSpace(sqlite);

  function requireSpace(): VectorSpace {
    if (!current) throw new Error('No embedding space is set: call useSpace first.');
    return current;
  }

  function checkDimensions(vector: Float32Array): void {
    const { dimensions } = requireSpace();
    if (vector.length !== dimensions) throw new Error(`A vector has ${vector.length} dimensions; the index holds ${dimensions}.`);
  }

  return {
    space: () => current,
    useSpace(space) {
      if (current && current.model === space.model && current.dimensions === space.dimensions) return { changed: false };
      const hadVectors = current !== null;
      sqlite.transaction(() => {
        sqlite.exec(`drop table if exists ${TABLE}`);
        // chunk_size 128 rather than vec0's 1,024: reading one vector by rowid (the HNSW store's
        // re-rank) walks its chunk's blob, and a 1.5 MB blob made each read ~0.28 ms against
        // ~0.06 ms here; full scans cost the same and the file is the same size (measured, 100k × 384).
        sqlite.exec(
          `create virtual table ${TABLE} using vec0(project_id text partition key, embedding float[${space.dimensions}] distance_metric=cosine, chunk_size=${VECTOR_CHUNK_ROWS})`,
        );
        sqlite
          .prepare('insert into memory_vector_space (id, model, dimensions) values (1, ?, ?) on conflict(id) do update set model = excluded.model, dimensions = excluded.dimensions')
          .run(space.model, space.dimensions);
      })();
      current = { ...space };
      return { changed: hadVectors };
    },
    upsert(rows) {
      if (rows.length === 0) return;
      rows.forEach((row) => checkDimensions(row.vector));
      // vec0 has no upsert: replacing is a delete then an insert, in one transaction.
      const remove = sqlite.prepare(`delete from ${TABLE} where rowid = ?`);
      const insert = sqlite.prepare(`insert into ${TABLE} (rowid, project_id, embedding) values (?, ?, ?)`);
      sqlite.transaction((batch: readonly VectorRow[]) => {
        for (const row of batch) {
          remove.run(BigInt(row.id));
          insert.run(BigInt(row.id), row.projectId, asBlob(row.vector));
        }
      })(rows);
    },
    delete(ids) {
      if (!current || ids.length === 0) return;
      const remove = sqlite.prepare(`delete from ${TABLE} where rowid = ?`);
      sqlite.transaction((batch: readonly number[]) => batch.forEach((id) => remove.run(BigInt(id))))(ids);
    },
    deleteProject(projectId) {
      if (!current) return;
      sqlite.prepare(`delete from ${TABLE} where project_id = ?`).run(projectId);
    },
    search(projectId, vector, k) {
      if (!current) return Promise.resolve([]);
      checkDimensions(vector);
      const rows = sqlite
        .prepare(`select rowid as id, distance from ${TABLE} where embedding match ? and k = ? and project_id = ? order by distance`)
        .all(asBlob(vector), k, projectId) as { id: number | bigint; distance: number }[];
      return Promise.resolve(rows.map((row): VectorHit => ({ id: Number(row.id), distance: row.distance })));
    },
    count(projectId) {
      if (!current) return 0;
      const row = (
        projectId === undefined
          ? sqlite.prepare(`select count(*) as n from ${TABLE}`).get()
          : sqlite.prepare(`select count(*) as n from ${TABLE} where project_id = ?`).get(projectId)
      ) as { n: number };
      return row.n;
    },
    close: () => Promise.resolve(),
  };
}

function readSpace(sqlite: Database.Database): VectorSpace | null {
  const row = sqlite.prepare('select model, dimensions from memory_vector_space where id = 1').get() as VectorSpace | undefined;
  return row ? { model: row.model, dimensions: row.dimensions } : null;
}

/** sqlite-vec reads a float vector as its little-endian float32 bytes. */
function asBlob(vector: Float32Array): Buffer {
  return Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength);
}
