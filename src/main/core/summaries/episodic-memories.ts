/** What an episodic summary is about: a chat session or a scene. */
export interface SummarySource {
  type: 'chat' | 'scene';
  id: string;
}

/** The episodic memory that summarises a source, as far as the summary jobs need it. */
export interface EpisodicRecord {
  id: string;
  version: number;
  /** When its text last changed (ms). */
  updatedAt: number;
}

/**
 * Where the summary jobs keep what they write: the memory domain's entries, seen through the two
 * operations the jobs need. One memory per source: writing again makes a new version of it, so
 * a conversation that goes on is re-summarised in place and its history is kept.
 */
export interface EpisodicMemories {
  /** The episodic memory of `source`, or null when none was written yet (or it was deleted). */
  find(projectId: string, source: SummarySource): EpisodicRecord | null;
  /** Creates the source's memory, or writes a new version of it; unchanged text writes nothing. */
  write(input: { projectId: string; source: SummarySource; content: string; markers: readonly string[] }): EpisodicRecord;
}

/** Markers are `type:value` with a short lower-case type; names become `character:<name>`. */
export function characterMarkers(names: readonly string[]): string[] {
  const markers = names
    .map((name) => name.replace(/\s+/g, ' ').trim().slice(0, 150))
    .filter((name) => name.length > 0)
    .map((name) => `character:${name}`);
  return [...new Set(markers)].slice(0, 30);
}
