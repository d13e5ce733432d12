import type { Condition } from '../../../shared/models/plans';
import type { RunTarget } from '../../../shared/models/runs';
import type { BookScene, RunBook } from './run.types';

/**
 * A run's scope: what value references (documented at the top of `shared/models/plans.ts`)
 * read. The book is read when a reference asks, so a step sees the scene as it is now.
 */
export interface RunScope {
  request: string;
  /** Earlier steps' outputs by step id (an `ask` step's output is the writer's answer). */
  outputs: Readonly<Record<string, unknown>>;
  /** `$project`, `$chapter`, `$scene`, `$entry`: read on first use. */
  root(name: 'project' | 'chapter' | 'scene' | 'entry'): Record<string, unknown> | undefined;
  /** Inside a `forEach` branch. */
  item?: unknown;
  index?: number;
  /** Inside a `propose` spec: the (branch's) output. */
  output?: unknown;
  /** Inside a `propose` spec with `each`: the item it proposes from. */
  each?: unknown;
}

export interface ScopeSource {
  projectId: string;
  request: string;
  target: RunTarget;
  book: RunBook;
}

/** "[id] Title — synopsis" per scene: the id lets an agent say which scene its answer is for (outline-beats' sceneId). */
const outlineOf = (scenes: readonly BookScene[]) => scenes.map((scene) => `[${scene.id}] ${scene.title}${scene.synopsis ? ` — ${scene.synopsis}` : ''}`).join('\n');

/** Builds the scope of one node: the run's target read lazily from the book, and the outputs so far. */
export function createRunScope(source: ScopeSource, outputs: Readonly<Record<string, unknown>>): RunScope {
  const cache = new Map<string, Record<string, unknown> | undefined>();
  const { book, projectId, target } = source;
  const read = (name: 'project' | 'chapter' | 'scene' | 'entry'): Record<string, unknown> | undefined => {
    switch (name) {
      case 'project':
        return book.project(projectId);
      case 'chapter': {
        const chapter = target.chapterId === undefined ? undefined : book.chapter(projectId, target.chapterId);
        if (!chapter) return undefined;
        return {
          id: chapter.id,
          title: chapter.title,
          synopsis: chapter.synopsis,
          outline: outlineOf(chapter.scenes),
          text: chapter.scenes.map((scene) => scene.text).join('\n\n'),
          scenes: chapter.scenes.map(({ id, title, synopsis }) => ({ id, title, synopsis })),
        };
      }
      case 'scene': {
        const scene = target.sceneId === undefined ? undefined : book.scene(target.sceneId);
        return scene && { id: scene.id, title: scene.title, synopsis: scene.synopsis, text: scene.text };
      }
      case 'entry': {
        const entry = target.entryId === undefined ? undefined : book.entries(projectId).find((candidate) => candidate.id === target.entryId);
        return entry && { ...entry, profile: entry.profile };
      }
    }
  };
  return {
    request: source.request,
    outputs,
    root(name) {
      if (!cache.has(name)) cache.set(name, read(name));
      return cache.get(name);
    },
  };
}

/** A scope for a `forEach` branch or a `propose` spec. */
export function withLocals(scope: RunScope, locals: Partial<Pick<RunScope, 'item' | 'index' | 'output' | 'each'>>): RunScope {
  return { ...scope, ...locals };
}

function walk(value: unknown, path: readonly string[]): unknown {
  let current = value;
  for (const part of path) {
    if (current === null || current === undefined) return undefined;
    if (Array.isArray(current) && /^\d+$/u.test(part)) current = current[Number(part)];
    else if (typeof current === 'object') current = (current as Record<string, unknown>)[part];
    else return undefined;
  }
  return current;
}

/**
 * The value a reference names, or the string itself when it is a literal. An unknown root or a
 * missing path reads as `undefined` (plan validation rejects unknown roots before a run starts).
 */
export function resolveRef(ref: string, scope: RunScope): unknown {
  if (!ref.startsWith('$')) return ref;
  // `$index` inside a path picks this branch's position in another list (`$steps.drafts.output.$index.text`).
  const [head, ...path] = ref
    .slice(1)
    .split('.')
    .map((part, n) => (n > 0 && part === '$index' && scope.index !== undefined ? String(scope.index) : part));
  switch (head) {
    case 'request':
      return path.length === 0 ? scope.request : undefined;
    case 'answer':
      return path.length === 1 && path[0] !== undefined ? scope.outputs[path[0]] : undefined;
    case 'project':
    case 'chapter':
    case 'scene':
    case 'entry':
      return walk(scope.root(head), path);
    case 'steps': {
      const [stepId, output, ...rest] = path;
      if (stepId === undefined || output !== 'output') return undefined;
      return walk(scope.outputs[stepId], rest);
    }
    case 'item':
      return walk(scope.item, path);
    case 'index':
      return path.length === 0 ? scope.index : undefined;
    case 'output':
      return walk(scope.output, path);
    case 'each':
      return walk(scope.each, path);
    default:
      return undefined;
  }
}

/** A value as a prompt variable: strings as they are, nothing as '', anything else as JSON. */
export function asText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/** Whether a step's guard holds (no guard: it does). */
export function holds(condition: Condition | undefined, scope: RunScope): boolean {
  if (!condition) return true;
  const value = resolveRef(condition.ref, scope);
  if (condition.equals !== undefined) return value === condition.equals;
  if (condition.notEquals !== undefined) return value !== condition.notEquals;
  if (condition.exists !== undefined) return (value !== null && value !== undefined) === condition.exists;
  if (condition.notEmpty !== undefined) {
    const nonEmpty = (typeof value === 'string' || Array.isArray(value)) && value.length > 0;
    return nonEmpty === condition.notEmpty;
  }
  if (condition.greaterThan !== undefined) return typeof value === 'number' && value > condition.greaterThan;
  return true;
}
