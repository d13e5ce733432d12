import { AppError, ErrorCode, notFound } from '../../../shared/ipc/errors';
import type { Plan, Playbook } from '../../../shared/models/plans';
import type { EventBus } from '../events';
import type { Clock, IdGenerator } from '../platform/clock';
import type { PlaybookRepo } from './playbook.repo';
import { assertValidPlan, type AgentCatalog } from '../runs';

export interface PlaybookDeps {
  /** The shipped playbooks (resources/playbooks), read once at start. */
  shipped: readonly Playbook[];
  repo: PlaybookRepo;
  /** The agent registry: an edited plan is checked against it. */
  registry: AgentCatalog;
  events: EventBus;
  clock: Clock;
  ids: IdGenerator;
}

/** What the run engine and the router read: a playbook by id (throws NOT_FOUND). */
export interface PlaybookSource {
  list(): Playbook[];
  get(id: string): Playbook;
}

/** "Name (copy)", "Name (copy 2)"… — the first not taken. */
function copyName(name: string, taken: ReadonlySet<string>): string {
  const base = name.replace(/ \(copy(?: \d+)?\)$/u, '');
  for (let n = 1; ; n += 1) {
    const candidate = `${base} (copy${n === 1 ? '' : ` ${n}`})`.slice(0, 120);
    if (!taken.has(candidate)) return candidate;
  }
}

/** Shipped playbooks (read-only) and the writer's copies, which they duplicate, edit and delete. */
export function createPlaybookService(deps: PlaybookDeps) {
  const { repo, events, clock } = deps;
  const shipped = new Map(deps.shipped.map((p) => [p.id, p]));

  const list = (): Playbook[] => [...deps.shipped, ...repo.list()];
  const get = (id: string): Playbook => {
    const found = shipped.get(id) ?? repo.find(id);
    if (!found) throw notFound('The playbook');
    return found;
  };
  const copyOnly = (id: string, what: string): Playbook => {
    const playbook = get(id);
    if (playbook.builtin) {
      throw new AppError(ErrorCode.LOCKED, `“${playbook.name}” comes with the app and can’t be ${what}. Duplicate it to make a version of your own.`);
    }
    return playbook;
  };
  const changed = () => events.emit('playbooks.changed', {});

  return {
    list,
    get,
    /** Copies a playbook (shipped or not) as a new writer's copy. */
    duplicate(input: { id: string; name?: string | undefined }): Playbook {
      const source = get(input.id);
      const name = input.name ?? copyName(source.name, new Set(list().map((p) => p.name)));
      const now = clock.now();
      const copy: Playbook = { id: deps.ids.newId(), name, description: source.description, builtin: false, basedOn: source.id, plan: source.plan, startedFrom: source.startedFrom, updatedAt: now };
      repo.insert(copy, now);
      changed();
      return copy;
    },
    /** Edits a writer's copy; a new plan must pass {@link assertValidPlan} against the registry. */
    update(input: { id: string; name?: string | undefined; description?: string | undefined; plan?: Plan | undefined }): Playbook {
      const current = copyOnly(input.id, 'edited');
      if (input.plan) assertValidPlan(input.plan, deps.registry);
      const next: Playbook = {
        ...current,
        ...(input.name !== undefined && { name: input.name }),
        ...(input.description !== undefined && { description: input.description }),
        ...(input.plan !== undefined && { plan: input.plan }),
        updatedAt: clock.now(),
      };
      repo.update(next, next.updatedAt);
      changed();
      return next;
    },
    remove(id: string): void {
      copyOnly(id, 'deleted');
      repo.delete(id);
      changed();
    },
  };
}

export type PlaybookService = ReturnType<typeof createPlaybookService>;
