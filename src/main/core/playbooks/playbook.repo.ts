import { asc, eq } from 'drizzle-orm';
import { planSchema, playbookStartSchema, type Playbook } from '../../../shared/models/plans';
import type { Db } from '../db/connection';
import { playbooks } from '../db/schema';

type Row = typeof playbooks.$inferSelect;

function toPlaybook(row: Row): Playbook {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    builtin: false,
    basedOn: row.basedOn,
    // Written only after validation; parsed again so defaults added by a later release apply.
    plan: planSchema.parse(JSON.parse(row.plan)),
    startedFrom: playbookStartSchema.catch('chat').parse(row.startedFrom),
    updatedAt: row.updatedAt,
  };
}

/** Storage of the writer's playbook copies. */
export function createPlaybookRepo(db: Db) {
  return {
    list(): Playbook[] {
      return db.select().from(playbooks).orderBy(asc(playbooks.createdAt), asc(playbooks.id)).all().map(toPlaybook);
    },
    find(id: string): Playbook | undefined {
      const row = db.select().from(playbooks).where(eq(playbooks.id, id)).get();
      return row ? toPlaybook(row) : undefined;
    },
    insert(playbook: Playbook, now: number): void {
      const { id, name, description, basedOn, plan, startedFrom } = playbook;
      db.insert(playbooks)
        .values({ id, name, description, basedOn, plan: JSON.stringify(plan), startedFrom, createdAt: now, updatedAt: now })
        .run();
    },
    update(playbook: Playbook, now: number): void {
      db.update(playbooks)
        .set({ name: playbook.name, description: playbook.description, plan: JSON.stringify(playbook.plan), updatedAt: now })
        .where(eq(playbooks.id, playbook.id))
        .run();
    },
    delete(id: string): boolean {
      return db.delete(playbooks).where(eq(playbooks.id, id)).run().changes > 0;
    },
  };
}

export type PlaybookRepo = ReturnType<typeof createPlaybookRepo>;
