import type Database from 'better-sqlite3';

const TABLE = 'memory_vectors';

/**
 * The SQLite reads and bookkeeping the ANN store needs beside the exact store's own: each
 * project's generation (bumped with every change, in the same transaction), point lookups by
 * rowid (vec0 answers `rowid = ?` from its rowid table; `rowid in (…)` would scan everything).
 */
export interface VectorRowsRepository {
  generation(projectId: string): number;
  bump(projectIds: Iterable<string>): void;
  forgetGenerations(): void;
  forgetGeneration(projectId: string): void;
  /** The project each id belongs to now (ids not stored are left out). */
  projectsOf(ids: readonly number[]): Map<number, string>;
  /** Every rowid of a project, in rowid order. */
  idsOf(projectId: string): number[];
  /** The stored float vector of one row, if it still belongs to `projectId`. */
  vectorOf(id: number, projectId: string): Float32Array | null;
  /** Exact cosine distances from `query` to the given rows of a project (others left out). */
  distances(projectId: string, query: Float32Array, ids: readonly number[]): { id: number; distance: number }[];
}

export function createVectorRowsRepository(sqlite: Database.Database): VectorRowsRepository {
  const statements = new Map<string, Database.Statement>();
  // The vec0 table is dropped and made again when the space changes, so statements on it are
  // prepared on use and forgotten when preparing fails (the table is then absent: no rows).
  const prepared = (sql: string): Database.Statement | null => {
    const cached = statements.get(sql);
    if (cached) return cached;
    try {
      const statement = sqlite.prepare(sql);
      statements.set(sql, statement);
      return statement;
    } catch {
      return null;
    }
  };
  const reset = () => statements.clear();
  const generationOf = sqlite.prepare('select generation from memory_vector_index_state where project_id = ?').pluck();
  const bumpOne = sqlite.prepare(
    'insert into memory_vector_index_state (project_id, generation) values (?, 1) on conflict(project_id) do update set generation = generation + 1',
  );

  return {
    generation: (projectId) => (generationOf.get(projectId) as number | undefined) ?? 0,
    bump(projectIds) {
      for (const projectId of projectIds) bumpOne.run(projectId);
    },
    forgetGenerations() {
      sqlite.prepare('delete from memory_vector_index_state').run();
      reset();
    },
    forgetGeneration(projectId) {
      sqlite.prepare('delete from memory_vector_index_state where project_id = ?').run(projectId);
    },
    projectsOf(ids) {
      const statement = prepared(`select project_id from ${TABLE} where rowid = ?`)?.pluck();
      const projects = new Map<number, string>();
      if (!statement) return projects;
      for (const id of ids) {
        const project = statement.get(BigInt(id)) as string | undefined;
        if (project !== undefined) projects.set(id, project);
      }
      return projects;
    },
    idsOf(projectId) {
      const statement = prepared(`select rowid from ${TABLE} where project_id = ?`)?.pluck();
      if (!statement) return [];
      return (statement.all(projectId) as (number | bigint)[]).map(Number).sort((a, b) => a - b);
    },
    vectorOf(id, projectId) {
      const row = prepared(`select project_id as projectId, embedding from ${TABLE} where rowid = ?`)?.get(BigInt(id)) as
        | { projectId: string; embedding: Buffer }
        | undefined;
      if (!row || row.projectId !== projectId) return null;
      return new Float32Array(row.embedding.buffer.slice(row.embedding.byteOffset, row.embedding.byteOffset + row.embedding.byteLength));
    },
    distances(projectId, query, ids) {
      const statement = prepared(`select project_id as projectId, vec_distance_cosine(embedding, ?) as distance from ${TABLE} where rowid = ?`);
      if (!statement) return [];
      const blob = Buffer.from(query.buffer, query.byteOffset, query.byteLength);
      const hits: { id: number; distance: number }[] = [];
      for (const id of ids) {
        const row = statement.get(blob, BigInt(id)) as { projectId: string; distance: number } | undefined;
        if (row && row.projectId === projectId) hits.push({ id, distance: row.distance });
      }
      return hits;
    },
  };
}
