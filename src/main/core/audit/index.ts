/**
 * The audit log of agent actions (issue 8, seed 002): every classification, step, proposal and
 * decision with its input, output, status, model and prompt version; searchable by words and
 * exportable as JSON. Its own domain because the router, the engine and the proposals all write it.
 */
export { createAuditLog, auditFileName, EXPORT_LIMIT, type AuditLog, type AuditLogDeps, type AuditRecord } from './audit-log';
export { createAuditHandlers, type AuditMethods, type AuditNames } from './handlers';
export { redactForAudit, REDACTED, MAX_AUDIT_STRING } from './audit-redact';
export type { AuditQuery } from './audit.repo';
