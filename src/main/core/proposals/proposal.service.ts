import { AppError, ErrorCode, isAppError, notFound } from '../../../shared/ipc/errors';
import { Limits } from '../../../shared/models/common';
import type { PolicyViolation, Proposal, ProposalChange, ProposalStatus } from '../../../shared/models/runs';
import type { AuditLog, AuditRecord } from '../audit';
import { inTransaction, type AppDatabase } from '../db/connection';
import { documentToPlainText, plainTextToDocument } from '../manuscript';
import type { SnapshotService } from '../snapshots';
import type { Clock, IdGenerator } from '../platform/clock';
import { createKeyedQueue, proposalAuditEntry } from './proposal-support';
import { applyCodex, applyMemory, applyNewScene, sameText, type ApplyOutcome, type ApplyTargets } from './proposal-apply';
import { mergeEdit, validateForApply } from './proposal-edit';
import { createProposalRepo, toProposal, type ProposalRow } from './proposal.repo';
import type { ProposalInput } from '../runs';

/** What an engine step proposes (the engine's port): with run, step and key, the proposal's identity and apply key. */
export type { ProposalInput };

/** The content policy as the proposals see it (the agents part's policy service). */
export interface PolicyCheck {
  check(change: ProposalChange): PolicyViolation[];
}

/** Where the engine's steps put what they propose. */
export interface ProposalSink {
  /**
   * Idempotent: the same (runId, stepKey, key) is the same row. A pending one takes the new
   * change (and its policy violations); a decided one is left alone and returned as it is.
   */
  propose(input: ProposalInput): Proposal;
}

export interface ProposalDeps extends ApplyTargets {
  database: AppDatabase;
  clock: Clock;
  ids: IdGenerator;
  snapshots: Pick<SnapshotService, 'create'>;
  policy: PolicyCheck;
  audit: AuditLog;
  projectExists(projectId: string): boolean;
  /** The run's title, for the snapshot label; null when unknown. */
  runTitle(runId: string): string | null;
  /** A run's proposals changed (new, updated or decided): the engine bumps its seq and may complete it. */
  onRunProposalsChanged(runId: string): void;
}

/** The label of the snapshot taken before a run's first applied change. */
export function snapshotLabel(runTitle: string | null): string {
  if (runTitle === null || runTitle.trim() === '') return 'Before an agent run’s changes';
  const title = runTitle.trim();
  const room = Limits.shortText - 40;
  return `Before “${title.length > room ? `${title.slice(0, room)}…` : title}” — agent changes`;
}

const DECIDED: Record<Exclude<ProposalStatus, 'pending' | 'applied'>, string> = {
  rejected: 'This proposal was rejected, so it cannot be approved.',
  conflict: 'This proposal cannot be applied any more: what it changes was changed since.',
};

/** A rule's message as a sentence (a writer's own rule may not end with a full stop). */
const asSentence = (message: string) => (/[.!?…]$/u.test(message.trim()) ? message.trim() : `${message.trim()}.`);

/** Thrown inside an apply's transaction to roll it back when the target changed under the proposal. */
class ConflictRollback extends Error {
  constructor(readonly outcome: ApplyOutcome) {
    super('conflict');
  }
}

/** The proposals inbox: propose (for the engine), list, approve (as proposed or edited) and reject. */
export function createProposalService(deps: ProposalDeps) {
  const { database, clock, ids, policy, audit } = deps;
  const repo = createProposalRepo(database.orm);
  /** Decisions on one proposal run one after another: a second approval sees the first's result. */
  const queue = createKeyedQueue();

  const requireRow = (id: string): ProposalRow => {
    const row = repo.find(id);
    if (!row || !deps.projectExists(row.projectId)) throw notFound('The proposal');
    return row;
  };
  const read = (id: string): Proposal => toProposal(requireRow(id));
  const entry = (p: Proposal, action: string, status: AuditRecord['status'], input: unknown, output: unknown, startedAt = clock.now()) =>
    proposalAuditEntry(p, { action, status, input, output, durationMs: Math.max(0, clock.now() - startedAt) });

  /** Takes the project snapshot before the run's first applied change (once per run); inside the apply's transaction. */
  const ensureSnapshot = (p: Proposal) => {
    if (repo.runSnapshot(p.runId) !== null) return;
    const snapshot = deps.snapshots.create({ scope: 'project', targetId: p.projectId, label: snapshotLabel(deps.runTitle(p.runId)) });
    repo.setSnapshot(p.id, snapshot.id);
  };

  /** Records the outcome of an approval: applied (with its decision entries) or in conflict. */
  const conclude = (p: Proposal, change: ProposalChange, edited: boolean, violations: PolicyViolation[], outcome: ApplyOutcome, startedAt: number) => {
    const now = clock.now();
    const editedChange = edited ? change : null;
    if (outcome.kind === 'conflict') {
      repo.decide(p.id, { status: 'conflict', note: outcome.note, edited: editedChange, violations }, now);
      audit.record(entry(p, 'apply', 'error', { key: p.key, change }, { note: outcome.note }, startedAt));
      return;
    }
    repo.decide(p.id, { status: 'applied', note: null, edited: editedChange, violations }, now);
    audit.record(entry(p, edited ? 'edit' : 'approve', 'ok', { key: p.key, ...(edited && { edited: change }) }, { violations }, startedAt));
    audit.record(entry(p, 'apply', 'ok', { key: p.key, change }, outcome.result, startedAt));
  };

  /** A scene's text: checked and snapshotted in a transaction, saved through autosave (async), then recorded. */
  const applySceneText = async (p: Proposal, change: Extract<ProposalChange, { type: 'scene-text' }>, edited: boolean, violations: PolicyViolation[], startedAt: number) => {
    const prepared = inTransaction(database, (): { revision: number } | null => {
      const row = requireRow(p.id);
      if (row.status !== 'pending') return null;
      let scene;
      try {
        scene = deps.manuscript.getScene(change.sceneId);
      } catch (error) {
        if (!isAppError(error) || error.code !== ErrorCode.NOT_FOUND) throw error;
        conclude(p, change, edited, violations, { kind: 'conflict', note: `The scene “${change.sceneTitle}” was deleted since the agent proposed this; nothing was written.` }, startedAt);
        return null;
      }
      const text = documentToPlainText(scene.content);
      if (sameText(text, change.before)) {
        ensureSnapshot(p);
        repo.markApplying(p.id, scene.revision + 1);
        return { revision: scene.revision };
      }
      // An approval cut short after its save committed (the core stopped): finished now, not saved again.
      const savedBefore = row.applyingRevision !== null && scene.revision >= row.applyingRevision && sameText(text, change.after);
      const outcome: ApplyOutcome = savedBefore
        ? { kind: 'applied', result: { sceneId: scene.id, revision: scene.revision, resumed: true } }
        : { kind: 'conflict', note: `The scene “${scene.title}” changed since the agent proposed this; nothing was written. Ask again for a proposal on its current text.` };
      conclude(p, change, edited, violations, outcome, startedAt);
      return null;
    });
    if (prepared === null) return;
    let outcome: ApplyOutcome;
    try {
      const saved = await deps.manuscript.saveScene({ id: change.sceneId, content: plainTextToDocument(change.after), baseRevision: prepared.revision });
      outcome = { kind: 'applied', result: { sceneId: saved.id, revision: saved.revision, wordCount: saved.wordCount } };
    } catch (error) {
      if (!isAppError(error) || (error.code !== ErrorCode.CONFLICT && error.code !== ErrorCode.NOT_FOUND)) {
        audit.record(entry(p, 'apply', 'error', { key: p.key, change }, { error }, startedAt));
        throw error;
      }
      outcome = { kind: 'conflict', note: `The scene “${change.sceneTitle}” changed while the change was being applied; nothing was written.` };
    }
    inTransaction(database, () => conclude(p, change, edited, violations, outcome, startedAt));
  };

  /**
   * A new scene, a codex entry or a memory: snapshotted, checked, written and recorded in one
   * transaction. A conflict rolls it all back (the snapshot too) and is recorded on its own.
   */
  const applyAtOnce = (p: Proposal, change: Exclude<ProposalChange, { type: 'scene-text' }>, edited: boolean, violations: PolicyViolation[], startedAt: number) => {
    const write = (): ApplyOutcome => {
      if (change.type === 'new-scene') return applyNewScene(deps, p.projectId, change);
      if (change.type === 'codex') return applyCodex(deps, p.projectId, change);
      return applyMemory(deps, p, change);
    };
    try {
      inTransaction(database, () => {
        if (requireRow(p.id).status !== 'pending') return;
        // The snapshot goes first so it holds the book as it was before the run's first change.
        ensureSnapshot(p);
        const outcome = write();
        if (outcome.kind === 'conflict') throw new ConflictRollback(outcome);
        conclude(p, change, edited, violations, outcome, startedAt);
      });
    } catch (error) {
      if (!(error instanceof ConflictRollback)) throw error;
      inTransaction(database, () => conclude(p, change, edited, violations, error.outcome, startedAt));
    }
  };

  const approveOnce = async (id: string, edit: ProposalChange | undefined): Promise<Proposal> => {
    const startedAt = clock.now();
    const p = read(id);
    if (p.status === 'applied') return p;
    if (p.status !== 'pending') throw new AppError(ErrorCode.CONFLICT, p.status === 'conflict' && p.note ? p.note : DECIDED[p.status]);
    const change = edit === undefined ? p.change : mergeEdit(p.change, edit);
    const edited = edit !== undefined;
    // Checked again at approval: the policy may have changed since, and an edit may fix (or break) a rule.
    const violations = policy.check(change);
    const blocking = violations.filter((v) => v.blocking);
    if (blocking.length > 0) {
      inTransaction(database, () => {
        if (!edited) repo.setViolations(p.id, violations, clock.now());
        audit.record(entry(p, edited ? 'edit' : 'approve', 'blocked', { key: p.key, ...(edited && { edited: change }) }, { violations }, startedAt));
      });
      // The inbox shows the violations as the policy reads now.
      if (!edited && JSON.stringify(violations) !== JSON.stringify(p.violations)) deps.onRunProposalsChanged(p.runId);
      const reasons = blocking.map((v) => asSentence(v.message)).join(' ');
      throw new AppError(ErrorCode.POLICY_BLOCKED, `The content policy blocks this proposal: ${reasons} Edit it so it keeps the rules, or reject it.`);
    }
    validateForApply(change, p.projectId);
    if (change.type === 'scene-text') await applySceneText(p, change, edited, violations, startedAt);
    else applyAtOnce(p, change, edited, violations, startedAt);
    deps.onRunProposalsChanged(p.runId);
    return read(id);
  };

  const sink: ProposalSink = {
    propose(input) {
      const violations = policy.check(input.change);
      const status = violations.some((v) => v.blocking) ? 'blocked' : 'ok';
      const now = clock.now();
      const outcome = inTransaction(database, () => {
        const found = repo.findByKey(input.runId, input.stepKey, input.key);
        if (!found) {
          if (!deps.projectExists(input.projectId)) throw notFound('The project');
          const id = ids.newId();
          repo.insert({ ...input, id, change: JSON.stringify(input.change), status: 'pending', violations: JSON.stringify(violations), createdAt: now, updatedAt: now });
          const row = requireRow(id);
          audit.record(entry(toProposal(row), 'propose', status, { key: input.key, change: input.change }, { proposalId: id, violations }, now));
          return { row, changed: true };
        }
        const unchanged = found.change === JSON.stringify(input.change) && found.violations === JSON.stringify(violations);
        // Being approved (or cut short while saving): the writer decided on this change, keep it.
        const deciding = queue.busy(found.id) || found.applyingRevision !== null;
        if (found.status !== 'pending' || deciding || unchanged) return { row: found, changed: false };
        repo.replaceChange(found.id, input.change, violations, now);
        const row = requireRow(found.id);
        audit.record(entry(toProposal(row), 'propose', status, { key: input.key, change: input.change }, { proposalId: found.id, violations, replaced: true }, now));
        return { row, changed: true };
      });
      if (outcome.changed) deps.onRunProposalsChanged(input.runId);
      return toProposal(outcome.row);
    },
  };

  return {
    ...sink,
    /** A project's proposals, oldest first, optionally only those with the given statuses. */
    list(input: { projectId: string; statuses?: readonly ProposalStatus[] | undefined }): Proposal[] {
      if (!deps.projectExists(input.projectId)) throw notFound('The project');
      return repo.listByProject(input.projectId, input.statuses).map(toProposal);
    },
    /** A run's proposals, oldest first (the run view; the engine completes a run once none is pending). */
    forRun: (runId: string): Proposal[] => repo.listByRun(runId).map(toProposal),
    /**
     * Approves and applies a proposal once: an approval of an applied one returns it unchanged,
     * so a retried or concurrent approval changes nothing twice. A blocking policy violation
     * refuses it (POLICY_BLOCKED) unless the edit fixes it; a changed or deleted target puts it
     * in `conflict` with a note, writing nothing.
     */
    approve: (input: { id: string; edited?: ProposalChange | undefined }): Promise<Proposal> => queue.run(input.id, () => approveOnce(input.id, input.edited)),
    /** Rejects a pending (or conflicting) proposal: nothing in the book changes. */
    reject: (id: string): Promise<Proposal> =>
      queue.run(id, () => {
        const p = read(id);
        if (p.status === 'rejected') return Promise.resolve(p);
        if (p.status === 'applied') {
          throw new AppError(ErrorCode.CONFLICT, 'This proposal was already applied. Undo it in the editor, or restore the snapshot taken before the run’s changes.');
        }
        inTransaction(database, () => {
          repo.decide(id, { status: 'rejected' }, clock.now(), ['pending', 'conflict']);
          audit.record(entry(p, 'reject', 'ok', { key: p.key }, { status: 'rejected' }));
        });
        deps.onRunProposalsChanged(p.runId);
        return Promise.resolve(read(id));
      }),
  };
}

export type ProposalService = ReturnType<typeof createProposalService>;
