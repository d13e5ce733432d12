import type Database from 'better-sqlite3';

/** A text the index reads: a live scene, codex entry or memory. */
export interface SourceText {
  id: string;
  projectId: string;
  text: string;
}

interface CodexRow {
  id: string;
  projectId: string;
  kind: string;
  name: string;
  aliases: string;
  description: string;
  profile: string;
}

/**
 * Reads the texts to index straight from their tables (the manuscript and codex domains own
 * them; indexing only reads, in one pass, without building their domain objects). Only live
 * rows: a trashed scene or entry is left out of the index's sync and of search.
 */
export function createIndexSources(sqlite: Database.Database) {
  const liveScenes = sqlite.prepare<[string], SourceText>(
    `select s.id, s.project_id as projectId, s.plain_text as text from scenes s join chapters c on c.id = s.chapter_id
     where s.project_id = ? and s.deleted_at is null and c.deleted_at is null order by c.position, c.id, s.position, s.id`,
  );
  const liveScene = sqlite.prepare<[string], SourceText>(
    `select s.id, s.project_id as projectId, s.plain_text as text from scenes s join chapters c on c.id = s.chapter_id
     where s.id = ? and s.deleted_at is null and c.deleted_at is null`,
  );
  const sceneIds = sqlite.prepare<[string], string>('select id from scenes where project_id = ?').pluck();
  const liveCodex = sqlite.prepare<[string], CodexRow>(
    'select id, project_id as projectId, kind, name, aliases, description, profile from codex_entries where project_id = ? and deleted_at is null',
  );
  const codexIds = sqlite.prepare<[string], string>('select id from codex_entries where project_id = ?').pluck();
  const memories = sqlite.prepare<[string], SourceText>('select id, project_id as projectId, content as text from memory_entries where project_id = ?');
  const memory = sqlite.prepare<[string], SourceText>('select id, project_id as projectId, content as text from memory_entries where id = ?');
  const projectOf = sqlite.prepare<[string], string>('select project_id from scenes where id = ?').pluck();

  return {
    scenes: (projectId: string) => liveScenes.all(projectId),
    scene: (sceneId: string): SourceText | undefined => liveScene.get(sceneId),
    /** Scene ids that still exist in any state (trashed ones keep their chunks until purged). */
    existingSceneIds: (projectId: string) => new Set(sceneIds.all(projectId)),
    codex: (projectId: string): SourceText[] => liveCodex.all(projectId).map(codexText),
    existingCodexIds: (projectId: string) => new Set(codexIds.all(projectId)),
    memories: (projectId: string) => memories.all(projectId),
    memory: (memoryId: string): SourceText | undefined => memory.get(memoryId),
    projectOfScene: (sceneId: string): string | undefined => projectOf.get(sceneId),
  };
}

export type IndexSources = ReturnType<typeof createIndexSources>;

/** A codex entry as one passage: "Mara (character), also Mari. Description. Eyes: grey." */
function codexText(row: CodexRow): SourceText {
  const aliases = JSON.parse(row.aliases) as string[];
  const profile = Object.entries(JSON.parse(row.profile) as Record<string, string>).filter(([, value]) => value.trim().length > 0);
  const head = `${row.name} (${row.kind})${aliases.length > 0 ? `, also ${aliases.join(', ')}` : ''}.`;
  const parts = [head, row.description.trim(), ...profile.map(([field, value]) => `${field}: ${value.trim()}`)].filter((part) => part.length > 0);
  return { id: row.id, projectId: row.projectId, text: parts.join('\n\n') };
}
