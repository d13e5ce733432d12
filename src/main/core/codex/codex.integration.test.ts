import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../shared/ipc/errors';
import { callThrough, createFixture, type Fixture } from '../testing/domain-fixture';
import { createCodexHandlers } from './handlers';
import { createCodexService, type CodexService } from './codex.service';

describe('codex (real SQLite)', () => {
  let fx: Fixture;
  let service: CodexService;
  let projectId: string;

  beforeEach(() => {
    fx = createFixture();
    service = createCodexService({ database: fx.database, projects: fx.projects, codex: fx.codex, events: fx.events, clock: fx.clock, ids: fx.ids });
    projectId = fx.addProject();
  });
  afterEach(() => fx.close());

  const notFound = { code: ErrorCode.NOT_FOUND };

  it('creates entries with aliases and a profile and reads them back', () => {
    const entry = service.create({
      projectId,
      kind: 'character',
      name: 'Mara Voss',
      aliases: ['The Cartographer', 'Mara'],
      description: 'Maps the drowned city.',
      profile: { age: '34', role: 'protagonist' },
    });
    expect(entry).toMatchObject({ projectId, kind: 'character', name: 'Mara Voss', aliases: ['The Cartographer', 'Mara'], profile: { age: '34', role: 'protagonist' } });
    expect(service.list(projectId)).toEqual([entry]);
    expect(fx.emitted).toContainEqual({ name: 'codex.changed', payload: { projectId } });
  });

  it('lists by kind, then by name ignoring case and accents', () => {
    const add = (kind: 'character' | 'location' | 'lore' | 'object', name: string) =>
      service.create({ projectId, kind, name, aliases: [], description: '', profile: {} });
    add('object', 'astrolabe');
    add('location', 'harbour');
    add('character', 'zed');
    add('character', 'Élodie');
    add('character', 'anna');
    add('lore', 'The Flood');
    add('location', 'Archive');
    const other = fx.addProject('Other');
    service.create({ projectId: other, kind: 'character', name: 'Stranger', aliases: [], description: '', profile: {} });

    expect(service.list(projectId).map((e) => `${e.kind}:${e.name}`)).toEqual([
      'character:anna',
      'character:Élodie',
      'character:zed',
      'location:Archive',
      'location:harbour',
      'lore:The Flood',
      'object:astrolabe',
    ]);
  });

  it('updates only the given fields', () => {
    const entry = service.create({ projectId, kind: 'location', name: 'Harbour', aliases: ['Docks'], description: 'Wet.', profile: { climate: 'rain' } });
    fx.advance();
    const updated = service.update({ id: entry.id, name: 'Old Harbour', profile: { climate: 'fog', mood: 'grim' } });
    expect(updated).toMatchObject({ name: 'Old Harbour', aliases: ['Docks'], description: 'Wet.', profile: { climate: 'fog', mood: 'grim' }, kind: 'location' });
    expect(updated.updatedAt).toBeGreaterThan(entry.updatedAt);
    expect(updated.createdAt).toBe(entry.createdAt);
  });

  it('soft-deletes: the entry leaves the list but stays in the database for the trash', () => {
    const entry = service.create({ projectId, kind: 'lore', name: 'The Flood', aliases: [], description: '', profile: {} });
    fx.emitted.length = 0;
    service.delete(entry.id);
    expect(service.list(projectId)).toEqual([]);
    expect(fx.codex.findAny(entry.id)?.deletedAt).toBe(fx.clock.now());
    expect(fx.emitted).toEqual([{ name: 'codex.changed', payload: { projectId } }]);
  });

  it('says whether a project has live entries: none at first, one once created, none once it is in the trash', () => {
    const other = fx.addProject();
    expect(service.hasEntries(projectId)).toBe(false);
    const entry = service.create({ projectId, kind: 'lore', name: 'The Flood', aliases: [], description: '', profile: {} });
    expect(service.hasEntries(projectId)).toBe(true);
    expect(service.hasEntries(other)).toBe(false);
    service.delete(entry.id);
    expect(service.hasEntries(projectId)).toBe(false);
    expect(() => service.hasEntries(fx.ids.newId())).toThrow(expect.objectContaining(notFound));
  });

  it('reads the list once while the codex is unchanged, and again after any write to it, the services’ or not', () => {
    const entry = service.create({ projectId, kind: 'lore', name: 'The Flood', aliases: [], description: 'Old', profile: {} });
    let loads = 0;
    const listLive = fx.codex.listLive.bind(fx.codex);
    fx.codex.listLive = (id) => {
      loads += 1;
      return listLive(id);
    };
    expect(service.list(projectId)).toHaveLength(1);
    expect(service.list(projectId)).toHaveLength(1);
    expect(loads).toBe(1);
    // A synced change writes the table directly: the triggers' version still moves.
    fx.database.sqlite.prepare("update codex_entries set description = 'Synced' where id = ?").run(entry.id);
    expect(service.list(projectId)[0]?.description).toBe('Synced');
    expect(loads).toBe(2);
    service.create({ projectId, kind: 'character', name: 'Ada', aliases: [], description: '', profile: {} });
    expect(service.list(projectId).map((e) => e.name)).toEqual(['Ada', 'The Flood']);
    expect(loads).toBe(3);
  });

  it('hands out frozen entries (the cached list cannot be changed through a caller)', () => {
    service.create({ projectId, kind: 'lore', name: 'The Flood', aliases: ['Deluge'], description: '', profile: { year: '1' } });
    const [entry] = service.list(projectId);
    expect(() => entry?.aliases.push('x')).toThrow(TypeError);
    expect(() => Object.assign(entry ?? {}, { name: 'Changed' })).toThrow(TypeError);
    expect(service.list(projectId)[0]).toMatchObject({ name: 'The Flood', aliases: ['Deluge'] });
  });

  it('does not keep a list read inside a transaction that rolls back', () => {
    const entry = service.create({ projectId, kind: 'lore', name: 'The Flood', aliases: [], description: 'Kept', profile: {} });
    const update = fx.database.sqlite.prepare('update codex_entries set description = ? where id = ?');
    expect(() =>
      fx.database.sqlite.transaction(() => {
        update.run('Rolled back', entry.id);
        expect(service.list(projectId)[0]?.description).toBe('Rolled back');
        throw new Error('undo');
      })(),
    ).toThrow('undo');
    // The version is back where it was; the next write brings it to the number the rolled-back one had.
    update.run('Second', entry.id);
    expect(service.list(projectId)[0]?.description).toBe('Second');
  });

  it('answers NOT_FOUND for unknown ids, trashed entries and trashed projects', () => {
    const unknown = fx.ids.newId();
    expect(() => service.list(unknown)).toThrow(expect.objectContaining(notFound));
    expect(() => service.create({ projectId: unknown, kind: 'lore', name: 'X', aliases: [], description: '', profile: {} })).toThrow(
      expect.objectContaining(notFound),
    );
    expect(() => service.update({ id: unknown, name: 'X' })).toThrow(expect.objectContaining(notFound));
    expect(() => service.delete(unknown)).toThrow(expect.objectContaining(notFound));

    const trashed = service.create({ projectId, kind: 'lore', name: 'Gone', aliases: [], description: '', profile: {} });
    service.delete(trashed.id);
    expect(() => service.update({ id: trashed.id, name: 'Back' })).toThrow(expect.objectContaining(notFound));
    expect(() => service.delete(trashed.id)).toThrow(expect.objectContaining(notFound));

    const live = service.create({ projectId, kind: 'lore', name: 'Kept', aliases: [], description: '', profile: {} });
    fx.projects.setDeleted(projectId, fx.clock.now());
    expect(() => service.list(projectId)).toThrow(expect.objectContaining(notFound));
    expect(() => service.update({ id: live.id, name: 'Changed' })).toThrow(expect.objectContaining(notFound));
    expect(() => service.create({ projectId, kind: 'lore', name: 'New', aliases: [], description: '', profile: {} })).toThrow(
      expect.objectContaining(notFound),
    );
    expect(fx.codex.findAny(live.id)?.name).toBe('Kept');
  });

  it('serves the contract through its handlers (defaults applied, outputs valid)', async () => {
    const handlers = createCodexHandlers(service);
    const created = await callThrough(handlers['codex.create'], 'codex.create', { projectId, kind: 'object', name: '  Brass Key  ' });
    expect(created).toMatchObject({ name: 'Brass Key', aliases: [], profile: {}, description: '' });
    const updated = await callThrough(handlers['codex.update'], 'codex.update', { id: created.id, aliases: ['Key'] });
    expect(updated.aliases).toEqual(['Key']);
    expect(await callThrough(handlers['codex.list'], 'codex.list', { projectId })).toHaveLength(1);
    expect(await callThrough(handlers['codex.delete'], 'codex.delete', { id: created.id })).toEqual({ ok: true });
    expect(await callThrough(handlers['codex.list'], 'codex.list', { projectId })).toEqual([]);
  });
});
