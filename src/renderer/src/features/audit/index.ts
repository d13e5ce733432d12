export { AuditLogView } from './AuditLogView';
export { createAuditStore, type AuditStore } from './audit.store';
