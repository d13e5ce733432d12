import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Plan } from '../../../shared/models/plans';
import { createTestCore, type TestCore } from '../../testing/test-core';

/*
 * The writer's playbook copies through the real handlers and SQLite: shipped playbooks list
 * first and cannot be changed, a copy can be renamed and its plan edited (checked against the
 * registry) and deleted, and every change emits playbooks.changed.
 */

let t: TestCore;
let changes: number;

beforeEach(() => {
  t = createTestCore();
  changes = 0;
  t.core.events.subscribe((name) => {
    if (name === 'playbooks.changed') changes += 1;
  });
});

afterEach(() => t.dispose());

const researchOnly: Plan = {
  target: 'none',
  steps: [{ id: 'research', kind: 'agent', title: 'Research', agent: 'researcher', capability: 'research-notes', inputs: { topic: '$request', request: '$request', context: '' }, dependsOn: [], propose: [] }],
};

describe('playbooks', () => {
  it('lists the shipped playbooks, and gets one by id', async () => {
    const list = await t.call('playbooks.list', {});
    expect(list.map((p) => p.id)).toEqual(['continuity-style-pass', 'develop-character', 'draft-chapter', 'video-from-chapter', 'video-from-idea', 'what-next']);
    expect(await t.call('playbooks.get', { id: 'draft-chapter' })).toMatchObject({ name: 'Draft a chapter from its outline', builtin: true });
    await expect(t.raw('playbooks.get', { id: 'nope' })).resolves.toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('duplicates a shipped playbook as an editable copy named after it, listed after the shipped ones', async () => {
    const copy = await t.call('playbooks.duplicate', { id: 'draft-chapter' });
    const again = await t.call('playbooks.duplicate', { id: 'draft-chapter' });
    expect(copy).toMatchObject({ name: 'Draft a chapter from its outline (copy)', builtin: false, basedOn: 'draft-chapter' });
    expect(again.name).toBe('Draft a chapter from its outline (copy 2)');
    expect(copy.plan).toEqual((await t.call('playbooks.get', { id: 'draft-chapter' })).plan);
    expect((await t.call('playbooks.list', {})).map((p) => p.id).slice(6)).toEqual([copy.id, again.id]);
    const named = await t.call('playbooks.duplicate', { id: copy.id, name: 'My drafting' });
    expect(named).toMatchObject({ name: 'My drafting', basedOn: copy.id });
    expect(changes).toBe(3);
  });

  it('updates a copy’s name, description and plan, and reads it back as saved', async () => {
    const copy = await t.call('playbooks.duplicate', { id: 'what-next' });
    const updated = await t.call('playbooks.update', { id: copy.id, name: 'Research first', description: 'Looks it up.', plan: researchOnly });
    expect(updated).toMatchObject({ name: 'Research first', description: 'Looks it up.', plan: researchOnly, builtin: false });
    expect(await t.call('playbooks.get', { id: copy.id })).toEqual(updated);
    expect(changes).toBe(2);
  });

  it('refuses a plan the crew cannot run, with every problem in the message, and leaves the copy as it was', async () => {
    const copy = await t.call('playbooks.duplicate', { id: 'what-next' });
    const broken = { target: 'none', steps: [{ ...researchOnly.steps[0], agent: 'poet', dependsOn: ['outline'] }] };
    const result = await t.raw('playbooks.update', { id: copy.id, plan: broken });
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const message = result.ok ? '' : result.error.message;
    expect(message).toContain('Step “Research” (research) depends on “outline”, which is not a step of this plan.');
    expect(message).toContain('uses the agent “poet”, which is not in the crew.');
    expect(await t.call('playbooks.get', { id: copy.id })).toEqual(copy);
  });

  it('will not edit or delete a shipped playbook, and says to duplicate it', async () => {
    const result = await t.raw('playbooks.delete', { id: 'draft-chapter' });
    expect(result).toMatchObject({ ok: false, error: { code: 'LOCKED', message: '“Draft a chapter from its outline” comes with the app and can’t be deleted. Duplicate it to make a version of your own.' } });
    expect((await t.call('playbooks.list', {})).length).toBe(6);
    expect(changes).toBe(0);
  });

  it('deletes a copy', async () => {
    const copy = await t.call('playbooks.duplicate', { id: 'what-next' });
    expect(await t.call('playbooks.delete', { id: copy.id })).toEqual({ ok: true });
    expect((await t.call('playbooks.list', {})).map((p) => p.id)).not.toContain(copy.id);
    await expect(t.raw('playbooks.delete', { id: copy.id })).resolves.toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(changes).toBe(2);
  });
});
