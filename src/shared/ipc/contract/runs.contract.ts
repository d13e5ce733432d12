import { z } from 'zod';
import { idSchema } from '../../models/common';
import {
  auditEntrySchema,
  auditQuerySchema,
  proposalApproveSchema,
  proposalSchema,
  proposalStatusSchema,
  runAnswerSchema,
  runDecisionSchema,
  runDetailSchema,
  runSchema,
  runStartSchema,
  runStatusSchema,
} from '../../models/runs';
import { byId, method } from './method';

/**
 * Agent runs (durable jobs of kind `agent.run`), the proposals they make and the audit log.
 * Changes arrive as `run.changed` (with the run's `seq`); step text streams as `stream.*` events
 * under each step's `streamId`.
 */
export const runsContract = {
  'runs.start': method({ input: runStartSchema, output: runSchema, doc: 'Starts a playbook, one agent’s capability or a plan on a project.' }),
  'runs.list': method({
    input: z.object({ projectId: idSchema, statuses: z.array(runStatusSchema).max(7).optional(), limit: z.number().int().min(1).max(200).default(50) }).strict(),
    output: z.array(runSchema),
    doc: 'A project’s runs, newest first.',
  }),
  'runs.get': method({ input: byId, output: runDetailSchema, doc: 'A run with its steps and proposals.' }),
  'runs.cancel': method({ input: byId, output: runSchema, doc: 'Cancels a run: its job stops, pending proposals stay for review.' }),
  'runs.decide': method({ input: runDecisionSchema, output: runSchema, doc: 'After a step failed: retry it, skip it (its output is empty), or cancel the run.' }),
  'runs.answer': method({ input: runAnswerSchema, output: runSchema, doc: 'Answers the question a waiting run asked; the run goes on.' }),
  'proposals.list': method({
    input: z.object({ projectId: idSchema, statuses: z.array(proposalStatusSchema).max(4).optional() }).strict(),
    output: z.array(proposalSchema),
    doc: 'The proposals inbox of a project, oldest first.',
  }),
  'proposals.approve': method({ input: proposalApproveSchema, output: proposalSchema, doc: 'Approves a proposal (as proposed or edited) and applies it once; a snapshot is taken before a run’s first change.' }),
  'proposals.reject': method({ input: byId, output: proposalSchema, doc: 'Rejects a proposal: nothing changes.' }),
  'audit.search': method({ input: auditQuerySchema, output: z.array(auditEntrySchema), doc: 'The audit log of agent actions, newest first, filtered and searched.' }),
  'audit.export': method({
    input: auditQuerySchema.omit({ before: true, limit: true }),
    output: z.object({ fileName: z.string(), json: z.string() }),
    doc: 'The matching audit entries as a JSON document to save.',
  }),
} as const;
