import { z } from 'zod';
import { okSchema } from '../../models/common';
import { projectCreateSchema, projectSchema, projectSummarySchema, projectUpdateSchema } from '../../models/project';
import { byId, method } from './method';

/** The projects domain: the writer's books. */
export const projectContract = {
  'project.list': method({
    input: z.object({ includeArchived: z.boolean().default(false) }).strict(),
    output: z.array(projectSummarySchema),
    doc: 'Projects not in the trash, newest first, with word counts.',
  }),
  'project.get': method({ input: byId, output: projectSummarySchema, doc: 'One project with its word count.' }),
  'project.create': method({ input: projectCreateSchema, output: projectSchema, doc: 'Creates a project with a first chapter and scene.' }),
  'project.update': method({ input: projectUpdateSchema, output: projectSchema, doc: 'Changes fields of a project, including archiving.' }),
  'project.delete': method({ input: byId, output: okSchema, doc: 'Moves a project to the trash.' }),
} as const;
