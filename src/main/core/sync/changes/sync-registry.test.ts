import { getTableConfig, SQLiteTable } from 'drizzle-orm/sqlite-core';
import { describe, expect, it } from 'vitest';
import * as schema from '../../db/schema';
import { LOCAL_TABLES, SYNCED_COLLECTIONS, collectionRank } from './sync-registry';

const tables = (Object.values(schema) as unknown[]).flatMap((value) => (value instanceof SQLiteTable ? [getTableConfig(value)] : []));

describe('the registry of synced collections', () => {
  it('names every table of the schema as synced or local (a new table must be decided on)', () => {
    const synced = new Set(SYNCED_COLLECTIONS.map((collection) => collection.table));
    const undecided = tables.map((table) => table.name).filter((name) => !synced.has(name) && !(name in LOCAL_TABLES));
    expect(undecided).toEqual([]);
    expect(SYNCED_COLLECTIONS.filter((collection) => collection.table in LOCAL_TABLES)).toEqual([]);
  });

  it('puts every column of a synced table in its key, its fields or its local columns, exactly once', () => {
    for (const collection of SYNCED_COLLECTIONS) {
      const table = tables.find((candidate) => candidate.name === collection.table);
      expect(table, collection.table).toBeDefined();
      const declared = [...collection.key, ...collection.fields, ...Object.keys(collection.local)];
      expect([...declared].sort(), collection.table).toEqual((table?.columns.map((column) => column.name) ?? []).sort());
    }
  });

  it('lists parents before their children, and gives every foreign key of a synced table a parent link', () => {
    for (const collection of SYNCED_COLLECTIONS) {
      for (const parent of collection.parents ?? []) expect(collectionRank(parent.collection), `${collection.name} → ${parent.collection}`).toBeLessThan(collectionRank(collection.name));
      const table = tables.find((candidate) => candidate.name === collection.table);
      const foreignColumns = (table?.foreignKeys ?? []).flatMap((key) => key.reference().columns.map((column) => column.name));
      expect((collection.parents ?? []).map((parent) => parent.column).sort(), collection.name).toEqual(foreignColumns.sort());
    }
  });

  it('has unique collection names', () => {
    const names = SYNCED_COLLECTIONS.map((collection) => collection.name);
    expect(new Set(names).size).toBe(names.length);
  });
});
