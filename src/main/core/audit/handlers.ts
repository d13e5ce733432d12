import type { DomainHandlers } from '../handlers';
import type { AuditLog } from './audit-log';

export type AuditMethods = 'audit.search' | 'audit.export';

/** Titles for the export's file name (the project's, the run's), null when unknown. */
export interface AuditNames {
  projectTitle(projectId: string): string | null;
  runTitle(runId: string): string | null;
}

/** The contract's `audit.*` methods over the audit log. */
export function createAuditHandlers(log: AuditLog, names: AuditNames): DomainHandlers<AuditMethods> {
  return {
    'audit.search': (input) => log.search(input),
    'audit.export': (input) =>
      log.export(input, {
        project: input.projectId === undefined ? null : names.projectTitle(input.projectId),
        run: input.runId === undefined ? null : names.runTitle(input.runId),
      }),
  };
}
