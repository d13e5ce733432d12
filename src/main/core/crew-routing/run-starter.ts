import type { z } from 'zod';
import type { Run, runStartSchema } from '../../../shared/models/runs';

/** What `runs.start` takes (after parsing). */
export type RunStartInput = z.infer<typeof runStartSchema>;

/** Starts a run: the run engine's `RunService.start`, passed in by the composition root. */
export interface RunStarter {
  start(input: RunStartInput): Run | Promise<Run>;
}
