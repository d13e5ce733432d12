/** A link between two codex entities a scene states ("Mara — sister — Tomas"). */
export interface AssociativeLink {
  content: string;
  /** `character:Mara`, `character:Tomas`. */
  markers: string[];
  /** Where the scene says it (its plain text), when the quote was found. */
  range: { from: number; to: number } | null;
}

/**
 * Where continuity checks put associative memories: the memory domain's service behind a small
 * port, so this domain does not depend on how memories are stored.
 */
export interface AssociativeMemory {
  /** Makes the scene's associative memories exactly `links` (a re-check replaces, never adds). */
  replaceSceneLinks(projectId: string, sceneId: string, links: readonly AssociativeLink[]): void;
}

/** For a core without the memory domain: links are not remembered. */
export const noAssociativeMemory: AssociativeMemory = { replaceSceneLinks: () => undefined };
