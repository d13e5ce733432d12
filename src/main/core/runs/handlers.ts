import type { DomainHandlers } from '../handlers';
import type { RunService } from './run.service';

type RunsMethods = 'runs.start' | 'runs.list' | 'runs.get' | 'runs.cancel' | 'runs.decide' | 'runs.answer';

/** The contract's `runs.*` methods over the run service. */
export function createRunsHandlers(runs: RunService): DomainHandlers<RunsMethods> {
  return {
    'runs.start': (input) => runs.start(input),
    'runs.list': (input) => runs.list(input),
    'runs.get': (input) => runs.get(input.id),
    'runs.cancel': (input) => runs.cancel(input.id),
    'runs.decide': (input) => runs.decide(input),
    'runs.answer': (input) => runs.answer(input),
  };
}
