import { z } from 'zod';
import { agentSchema } from '../../models/agents';
import { okSchema } from '../../models/common';
import { playbookDuplicateSchema, playbookSchema, playbookUpdateSchema } from '../../models/plans';
import { policyFileSchema, policySaveSchema } from '../../models/policy';
import { method } from './method';

const byPlaybookId = z.object({ id: z.string().min(1).max(64) }).strict();

/** The crew: agents from the registry, playbooks (shipped and the writer's copies), the content policy. */
export const agentsContract = {
  'agents.list': method({ input: z.object({}).strict(), output: z.array(agentSchema), doc: 'Every registered agent with its capabilities, crew and memory scope.' }),
  'playbooks.list': method({ input: z.object({}).strict(), output: z.array(playbookSchema), doc: 'Shipped playbooks, then the writer’s copies.' }),
  'playbooks.get': method({ input: byPlaybookId, output: playbookSchema, doc: 'One playbook.' }),
  'playbooks.duplicate': method({ input: playbookDuplicateSchema, output: playbookSchema, doc: 'Copies a playbook so the writer can edit it.' }),
  'playbooks.update': method({ input: playbookUpdateSchema, output: playbookSchema, doc: 'Edits a writer’s copy; the plan is checked against the registry (agents, capabilities, inputs, no cycles).' }),
  'playbooks.delete': method({ input: byPlaybookId, output: okSchema, doc: 'Deletes a writer’s copy (shipped playbooks cannot be deleted).' }),
  'policy.get': method({ input: z.object({}).strict(), output: policyFileSchema, doc: 'The content policy in force: the writer’s copy if valid, else the shipped one.' }),
  'policy.save': method({ input: policySaveSchema, output: policyFileSchema, doc: 'Saves the writer’s copy of the policy (YAML, checked before it is written).' }),
  'policy.reset': method({ input: z.object({}).strict(), output: policyFileSchema, doc: 'Removes the writer’s copy: the shipped policy applies again.' }),
} as const;
