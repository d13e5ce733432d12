import type { Run, RunStatus, RunStep, StepStatus } from '../../../../shared/models/runs';

export const RUN_STATUS_LABEL: Record<RunStatus, string> = {
  queued: 'Queued',
  running: 'Running',
  waiting: 'Waiting for you',
  review: 'Ready for review',
  completed: 'Completed',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

export const STEP_STATUS_LABEL: Record<StepStatus, string> = {
  pending: 'Not started',
  running: 'Running',
  succeeded: 'Done',
  failed: 'Failed',
  skipped: 'Skipped',
  waiting: 'Waiting for your answer',
  cancelled: 'Cancelled',
};

/** A run that can still change by itself (Cancel applies). */
export const isActive = (status: RunStatus): boolean => status === 'queued' || status === 'running' || status === 'waiting';

/** "850 ms", "4.2 s", "3 min 05 s". */
export function formatDuration(ms: number): string {
  if (ms < 1_000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1_000).toFixed(1)} s`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.round((ms % 60_000) / 1_000);
  return `${minutes} min ${String(seconds).padStart(2, '0')} s`;
}

/** "$0.0042", "$1.27", "free" for a local model's zero. */
export function formatCost(usd: number): string {
  if (usd === 0) return '$0';
  if (usd < 0.01) return `$${usd.toFixed(4)}`;
  return `$${usd.toFixed(2)}`;
}

/** How long something took, or has been running at `now`; null before it started. */
export function elapsed(startedAt: number | null, finishedAt: number | null, now: number): number | null {
  if (startedAt === null) return null;
  return Math.max(0, (finishedAt ?? now) - startedAt);
}

/** A plan step as the timeline shows it: one row, or a fanned-out step with its branches under it. */
export interface StepGroup {
  stepId: string;
  title: string;
  /** The step itself (not fanned out), or null when it has branches. */
  step: RunStep | null;
  branches: RunStep[];
}

/**
 * The run's steps in plan order, each `forEach` step's branches grouped under it in item order.
 * Steps the plan does not list (none, normally) come last, in the order given.
 */
export function groupSteps(run: Run, steps: readonly RunStep[]): StepGroup[] {
  const groups = new Map<string, StepGroup>();
  for (const planStep of run.plan.steps) groups.set(planStep.id, { stepId: planStep.id, title: planStep.title, step: null, branches: [] });
  for (const step of steps) {
    const group = groups.get(step.stepId) ?? { stepId: step.stepId, title: step.title, step: null, branches: [] };
    groups.set(step.stepId, group);
    if (step.index === null) group.step = step;
    else group.branches.push(step);
  }
  for (const group of groups.values()) group.branches.sort((a, b) => (a.index ?? 0) - (b.index ?? 0));
  return [...groups.values()];
}

/** The status a fanned-out step shows: failed or waiting if a branch is, running while any runs, done when all are. */
export function groupStatus(group: StepGroup): StepStatus {
  if (group.step) return group.step.status;
  const statuses = group.branches.map((b) => b.status);
  if (statuses.length === 0) return 'pending';
  for (const status of ['failed', 'waiting', 'running', 'cancelled'] as const) if (statuses.includes(status)) return status;
  if (statuses.every((s) => s === 'skipped')) return 'skipped';
  if (statuses.every((s) => s === 'succeeded' || s === 'skipped')) return 'succeeded';
  return 'running';
}

/** A value for the inputs/outputs view: prose as it reads, anything else as indented JSON. */
export function displayValue(value: unknown): { kind: 'prose' | 'json'; text: string } {
  if (typeof value === 'string') {
    const trimmed = value.trim();
    if ((trimmed.startsWith('{') && trimmed.endsWith('}')) || (trimmed.startsWith('[') && trimmed.endsWith(']'))) {
      try {
        return { kind: 'json', text: JSON.stringify(JSON.parse(trimmed), null, 2) };
      } catch {
        // Not JSON after all: prose.
      }
    }
    return { kind: 'prose', text: value };
  }
  return { kind: 'json', text: JSON.stringify(value, null, 2) ?? 'null' };
}
