import { contract, type MethodName, type MethodOutput } from '../../../shared/ipc/contract';
import type { EventName, EventPayload } from '../../../shared/ipc/events';
import { createCodexRepo } from '../codex';
import { openDatabase } from '../db/connection';
import { createEventBus } from '../events';
import type { Handler } from '../handlers';
import { createChapterRepo, plainTextToDocument, createManuscriptService, createSceneIndex, createSceneRepo } from '../manuscript';
import { createProjectRepo } from '../projects';
import { createWritingSessionService } from '../stats';

/** Sequential ids that still pass the contract's UUID check, so failures are easy to read. */
export function sequentialIds() {
  let next = 0;
  return {
    newId: () => {
      next += 1;
      return `00000000-0000-4000-8000-${next.toString(16).padStart(12, '0')}`;
    },
  };
}

export interface RecordedEvent {
  name: EventName;
  payload: EventPayload<EventName>;
}

/**
 * A real in-memory database with the real migrations, the manuscript repositories and service,
 * a clock the test moves by hand and an event bus that records what was emitted. Shared by the
 * codex, snapshot and trash integration tests.
 */
export function createFixture() {
  const database = openDatabase({ file: ':memory:' });
  const sceneIndex = createSceneIndex(database.sqlite);
  const projects = createProjectRepo(database.orm);
  const chapters = createChapterRepo(database.orm);
  const scenes = createSceneRepo(database, sceneIndex);
  const codex = createCodexRepo(database.orm);
  const emitted: RecordedEvent[] = [];
  const events = createEventBus((error) => {
    throw error;
  });
  events.subscribe((name, payload) => emitted.push({ name, payload }));
  let time = 1_700_000_000_000;
  const clock = { now: () => time };
  const ids = sequentialIds();
  const sessions = createWritingSessionService({ database, projects, clock });
  const manuscript = createManuscriptService({ database, projects, chapters, scenes, events, clock, ids, sessions });

  return {
    database,
    sceneIndex,
    projects,
    chapters,
    scenes,
    codex,
    events,
    emitted,
    clock,
    ids,
    manuscript,
    advance(ms = 1000) {
      time += ms;
    },
    addProject(title = 'A Novel'): string {
      const id = ids.newId();
      projects.insert({ id, title, createdAt: time, updatedAt: time });
      return id;
    },
    /** Adds a chapter with scenes whose text is given as plain text. */
    addChapter(projectId: string, title: string, sceneTexts: Record<string, string> = {}) {
      const chapter = manuscript.createChapter({ projectId, title, synopsis: '' });
      const sceneIds = Object.entries(sceneTexts).map(
        ([sceneTitle, text]) => manuscript.createScene({ chapterId: chapter.id, title: sceneTitle, content: plainTextToDocument(text) }).id,
      );
      return { chapterId: chapter.id, sceneIds };
    },
    /** Saves new plain text into a scene through the autosave path. */
    async write(sceneId: string, text: string) {
      const scene = manuscript.getScene(sceneId);
      return manuscript.saveScene({ id: sceneId, content: plainTextToDocument(text), baseRevision: scene.revision });
    },
    textOf(sceneId: string): string {
      return scenes.findAny(sceneId)?.plainText ?? '';
    },
    count(table: string): number {
      return (database.sqlite.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
    },
    close() {
      database.close();
    },
  };
}

export type Fixture = ReturnType<typeof createFixture>;

/**
 * Calls a handler the way the router does: the raw input is parsed with the contract's schema
 * and the result must satisfy the contract's output schema.
 */
export async function callThrough<M extends MethodName>(handler: Handler<M>, method: M, raw: unknown): Promise<MethodOutput<M>> {
  const input = contract[method].input.parse(raw) as Parameters<Handler<M>>[0];
  const output = await handler(input, { transport: 'direct' });
  return contract[method].output.parse(output) as MethodOutput<M>;
}
