import type { z } from 'zod';
import { AppError, ErrorCode, notFound } from '../../../shared/ipc/errors';
import type { TaskClass } from '../../../shared/models/llm';
import type { PromptAuditEntry, PromptDefinition, promptEditSchema, PromptSummary, PromptVersion } from '../../../shared/models/prompts';
import { inTransaction, type AppDatabase } from '../db/connection';
import type { Clock, IdGenerator } from '../platform/clock';
import { nextSortKey } from '../db/sort-key';
import { builtinVersionId, canonicalJson, checkTemplates, hashDefinition, parseTemplates } from './prompt-checks';
import { diffDefinitions, type DiffLine } from './prompt-diff';
import { createPromptRepo, toPromptVersion, type PromptVersionRow } from './prompt.repo';
import { availableUpdate, editInUse } from './prompt-updates';
import { isPresent, renderTemplate } from './template';

export type PromptEdit = z.output<typeof promptEditSchema>;

export interface PromptServiceDeps {
  database: AppDatabase;
  clock: Clock;
  ids: IdGenerator;
  /** The shipped prompts, as {@link loadPromptDefinitions} returns them. */
  definitions: readonly PromptDefinition[];
}

/**
 * A prompt ready to send: both templates filled, the definition and registry version they came
 * from, and the definition's call settings lifted out for convenience.
 */
export interface RenderedPrompt {
  system: string;
  user: string;
  definition: PromptDefinition;
  version: number;
  taskClass: TaskClass;
  temperature?: number;
  maxTokens?: number;
  outputSchema?: Record<string, unknown>;
}

/** Variable values for {@link PromptService.render}; blank counts as missing. */
export type PromptValues = Readonly<Record<string, string | undefined>>;

const invalid = (message: string) => new AppError(ErrorCode.INVALID_INPUT, message);

/**
 * The prompt registry. At start it imports each shipped definition whose hash it has not seen
 * as a new `builtin` version; user edits and reverts append `user` versions. Rows are never
 * changed. The active version is the pinned one, else the writer's own newest version while it
 * is their choice (a shipped update is offered, never forced: see prompt-updates.ts), else the
 * newest. Every change is audited. Locked prompts refuse edits, reverts and pins: other features
 * depend on their exact output.
 */
export function createPromptService(deps: PromptServiceDeps) {
  const { database, clock, ids } = deps;
  const repo = createPromptRepo(database.orm);
  const known = new Set(deps.definitions.map((d) => d.id));

  /** Records a change from one version to another (by id, so a merge cannot repoint it). */
  const audit = (promptId: string, action: PromptAuditEntry['action'], from: PromptVersionRow | undefined, to: PromptVersionRow | undefined, summary: string) =>
    repo.insertAudit({
      id: ids.newId(),
      promptId,
      action,
      fromVersionId: from?.id ?? null,
      toVersionId: to?.id ?? null,
      oldHash: from?.hash ?? null,
      newHash: to?.hash ?? null,
      summary,
      at: clock.now(),
    });

  /**
   * Adds a version after every version this device has (its key, db/sort-key.ts). A shipped
   * version's id comes from its prompt and hash, so two devices importing the same file make
   * the same record rather than two copies.
   */
  const append = (definition: PromptDefinition, source: 'builtin' | 'user'): PromptVersionRow => {
    const now = clock.now();
    const hash = hashDefinition(definition);
    const latest = repo.latest(definition.id);
    const row = {
      id: source === 'builtin' ? builtinVersionId(definition.id, hash) : ids.newId(),
      promptId: definition.id,
      sortKey: nextSortKey(now, latest?.sortKey),
      definition: canonicalJson(definition),
      hash,
      source,
      createdAt: now,
    };
    repo.insertVersion(row);
    return { ...row, version: (latest?.version ?? 0) + 1 };
  };

  const requireKnown = (id: string) => {
    if (!known.has(id)) throw notFound(`The prompt "${id}"`);
  };
  const latestRow = (id: string): PromptVersionRow => {
    requireKnown(id);
    const row = repo.latest(id);
    if (!row) throw notFound(`The prompt "${id}"`);
    return row;
  };
  const activeRow = (id: string): PromptVersionRow => {
    const latest = latestRow(id);
    return repo.pinned(id) ?? editInUse(repo, id) ?? latest;
  };
  const versionRow = (id: string, version: number): PromptVersionRow => {
    requireKnown(id);
    const row = repo.findVersion(id, version);
    if (!row) throw notFound(`Version ${version} of the prompt "${id}"`);
    return row;
  };
  const refuseLocked = (id: string, what: string) => {
    if (toPromptVersion(latestRow(id)).definition.locked) {
      throw new AppError(ErrorCode.LOCKED, `The prompt "${id}" is locked: other features rely on its exact wording, so it cannot be ${what}.`);
    }
  };
  /** An edit or a revert makes the new version the one in use, so a pin must not hide it. */
  const unpinFor = (id: string, active: PromptVersionRow, next: PromptVersionRow, why: string) => {
    if (!repo.hasPin(id)) return;
    repo.clearPin(id);
    audit(id, 'unpin', active, next, why);
  };

  /** The newest shipped version, when `version` is it and is newer than the version in use. */
  const requireUpdate = (id: string, version: number): { active: PromptVersionRow; shipped: PromptVersionRow } => {
    const shipped = repo.latestFrom(id, 'builtin');
    versionRow(id, version);
    if (!shipped || shipped.version !== version) {
      throw new AppError(ErrorCode.CONFLICT, `Version ${version} is not the newest shipped version of "${id}" (version ${shipped?.version ?? '–'} is).`);
    }
    const active = activeRow(id);
    if (shipped.version <= active.version) {
      throw new AppError(ErrorCode.CONFLICT, `The shipped version ${version} of "${id}" is not newer than the version in use (${active.version}).`);
    }
    return { active, shipped };
  };

  const summary = (id: string): PromptSummary => {
    const latest = latestRow(id);
    const active = activeRow(id);
    const { definition } = toPromptVersion(active);
    return {
      id,
      description: definition.description,
      taskClass: definition.taskClass,
      locked: toPromptVersion(latest).definition.locked,
      latestVersion: latest.version,
      activeVersion: active.version,
      pinned: repo.pinned(id) !== undefined,
      customized: editInUse(repo, id) !== undefined,
      update: availableUpdate(repo, id, active),
    };
  };

  inTransaction(database, () => {
    for (const definition of deps.definitions) {
      if (repo.hasHash(definition.id, hashDefinition(definition))) continue;
      const previous = repo.latest(definition.id);
      const row = append(definition, 'builtin');
      audit(definition.id, 'import', previous, row, `Imported the shipped prompt (file version ${definition.version}).`);
    }
  });

  return {
    /** Every shipped prompt with its active version, by id. */
    list(): PromptSummary[] {
      return [...known].sort().map(summary);
    },

    /** One version, the active one by default. */
    get(id: string, version?: number): PromptVersion {
      return toPromptVersion(version === undefined ? activeRow(id) : versionRow(id, version));
    },

    /** All versions (newest first) and the audit trail (newest first). */
    history(id: string): { versions: PromptVersion[]; audit: PromptAuditEntry[] } {
      requireKnown(id);
      return { versions: repo.versions(id).reverse().map(toPromptVersion), audit: repo.audit(id) };
    },

    /**
     * Saves new templates as a new `user` version built on the active one, which becomes the
     * version in use. `definition.version` keeps the shipped version the edit started from.
     */
    edit(input: PromptEdit): PromptVersion {
      return inTransaction(database, () => {
        refuseLocked(input.id, 'edited');
        const active = activeRow(input.id);
        const base = toPromptVersion(active).definition;
        const next: PromptDefinition = { ...base, system: input.system, user: input.user };
        const problems = checkTemplates(next, { requireAllUsed: false });
        if (problems.length > 0) throw invalid(problems.map((p) => `${p.field}: ${p.message}`).join('; '));
        if (hashDefinition(next) === active.hash) throw invalid('This edit changes nothing: the templates are the same as the version in use.');
        const row = append(next, 'user');
        audit(input.id, 'edit', active, row, input.summary);
        unpinFor(input.id, active, row, 'Unpinned by an edit, so the edit is in use.');
        return toPromptVersion(row);
      });
    },

    /** A line diff of the templates of two versions. */
    diff(id: string, from: number, to: number): DiffLine[] {
      return diffDefinitions(toPromptVersion(versionRow(id, from)).definition, toPromptVersion(versionRow(id, to)).definition);
    },

    /** Pins a version, or with `null` unpins so the newest is used. */
    pin(id: string, version: number | null): PromptSummary {
      inTransaction(database, () => {
        const active = activeRow(id);
        if (version === null) {
          if (!repo.hasPin(id)) return;
          repo.clearPin(id);
          const next = activeRow(id);
          audit(id, 'unpin', active, next, `Unpinned version ${active.version}; version ${next.version} is in use.`);
          return;
        }
        refuseLocked(id, 'pinned to another version');
        const target = versionRow(id, version);
        if (repo.pinned(id)?.id === target.id) return;
        repo.setPin(id, target.id, clock.now());
        audit(id, 'pin', active, target, `Pinned version ${version}.`);
      });
      return summary(id);
    },

    /** Puts the newest shipped version in use instead of the writer's edit (or pin); later shipped versions then apply by themselves. */
    adoptUpdate(id: string, version: number): PromptSummary {
      inTransaction(database, () => {
        const { active, shipped } = requireUpdate(id, version);
        unpinFor(id, active, shipped, 'Unpinned by choosing the shipped version.');
        repo.setUpdateChoice(id, { adoptedVersionId: shipped.id }, clock.now());
        const fileVersion = toPromptVersion(shipped).definition.version;
        audit(id, 'adopt', active, shipped, `Switched to the shipped version ${version} (file version ${fileVersion}).`);
      });
      return summary(id);
    },

    /** Stops offering the newest shipped version; a newer one is offered again when it ships. */
    dismissUpdate(id: string, version: number): PromptSummary {
      inTransaction(database, () => {
        const { active, shipped } = requireUpdate(id, version);
        if (repo.updateChoice(id)?.dismissedVersionId === shipped.id) return;
        repo.setUpdateChoice(id, { dismissedVersionId: shipped.id }, clock.now());
        audit(id, 'dismiss', active, shipped, `Kept version ${active.version} over the shipped version ${version}.`);
      });
      return summary(id);
    },

    /** Makes an older version's content the newest again, as a new version, and puts it in use. */
    revert(id: string, version: number): PromptVersion {
      return inTransaction(database, () => {
        refuseLocked(id, 'reverted');
        const target = versionRow(id, version);
        const latest = latestRow(id);
        if (target.hash === latest.hash) throw invalid(`Version ${version} has the same content as the newest version (${latest.version}); there is nothing to revert.`);
        const active = activeRow(id);
        const row = append(toPromptVersion(target).definition, 'user');
        audit(id, 'revert', active, row, `Reverted to version ${version}.`);
        unpinFor(id, active, row, 'Unpinned by a revert, so the reverted version is in use.');
        return toPromptVersion(row);
      });
    },

    /**
     * Fills the active version's templates. A required variable that is missing or blank is an
     * INVALID_INPUT naming it; undeclared values are ignored, so callers may pass a shared context.
     */
    render(id: string, values: PromptValues): RenderedPrompt {
      const row = activeRow(id);
      const { definition } = toPromptVersion(row);
      const missing = definition.variables.filter((v) => v.required && !isPresent(values[v.name]));
      if (missing.length > 0) {
        const names = missing.map((v) => `{{${v.name}}}${v.description ? ` (${v.description})` : ''}`).join(', ');
        throw invalid(`The prompt "${id}" needs ${names}, which ${missing.length === 1 ? 'was' : 'were'} not given.`);
      }
      const parsed = parseTemplates(definition);
      // Stored versions were checked when written; a failure here means a corrupted row.
      if (!parsed.ok) throw new AppError(ErrorCode.INTERNAL, `Version ${row.version} of the prompt "${id}" has a broken template.`);
      return {
        system: renderTemplate(parsed.templates.system, values),
        user: renderTemplate(parsed.templates.user, values),
        definition,
        version: row.version,
        taskClass: definition.taskClass,
        ...(definition.temperature !== undefined && { temperature: definition.temperature }),
        ...(definition.maxTokens !== undefined && { maxTokens: definition.maxTokens }),
        ...(definition.outputSchema !== undefined && { outputSchema: definition.outputSchema }),
      };
    },
  };
}

export type PromptService = ReturnType<typeof createPromptService>;
