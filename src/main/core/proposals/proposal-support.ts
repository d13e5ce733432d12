import type { Proposal } from '../../../shared/models/runs';
import type { AuditRecord } from '../audit';

/**
 * Runs work one after another per key (a proposal id): a second approval waits for the first
 * and sees its result, so an approval is never applied twice by two calls in flight.
 */
export function createKeyedQueue() {
  const tails = new Map<string, Promise<unknown>>();
  return {
    run<T>(key: string, work: () => Promise<T>): Promise<T> {
      const previous = tails.get(key) ?? Promise.resolve();
      const next = previous.then(work, work);
      const settled = next.then(
        () => undefined,
        () => undefined,
      );
      tails.set(key, settled);
      void settled.then(() => {
        if (tails.get(key) === settled) tails.delete(key);
      });
      return next;
    },
    /** Work for this key is running or waiting. */
    busy: (key: string): boolean => tails.has(key),
  };
}

/** An audit entry about a proposal: no model was called, so no model, prompt, tokens or cost. */
export function proposalAuditEntry(
  p: Proposal,
  what: Pick<AuditRecord, 'action' | 'status' | 'input' | 'output' | 'durationMs'>,
): AuditRecord {
  return {
    projectId: p.projectId,
    runId: p.runId,
    stepKey: p.stepKey,
    agentId: p.agentId,
    model: null,
    promptId: null,
    promptVersion: null,
    traceId: null,
    tokensIn: 0,
    tokensOut: 0,
    costUsd: 0,
    ...what,
  };
}
