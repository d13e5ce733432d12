import { createHash } from 'node:crypto';
import type { ModelRef, ModelsConfig, TaskClass } from '../../../../shared/models/llm';

export interface RouteRequest {
  taskClass: TaskClass;
  agentId?: string;
  promptId?: string;
  /** Keeps A/B assignment stable, e.g. the project id. */
  assignmentKey: string;
}

export type ExperimentArm = 'A' | 'B';

export interface RouteResolution {
  /** The models to try, in order. */
  models: ModelRef[];
  /** Set when an enabled experiment covered this call: record it with the call. */
  experiment?: { name: string; arm: ExperimentArm };
}

/**
 * Where a key falls in [0, 1) for an experiment: the first 32 bits of
 * sha256("name:key"). Deterministic across runs and machines, and independent between
 * experiments, so one key is not always in every experiment's B arm.
 */
export function assignmentPoint(experimentName: string, assignmentKey: string): number {
  return createHash('sha256').update(`${experimentName}:${assignmentKey}`).digest().readUInt32BE(0) / 2 ** 32;
}

/** Arm B when the key's point is below the share, else arm A. */
export function assignArm(experimentName: string, assignmentKey: string, share: number): ExperimentArm {
  return assignmentPoint(experimentName, assignmentKey) < share ? 'B' : 'A';
}

const sameModel = (a: ModelRef, b: ModelRef) => a.provider === b.provider && a.model === b.model;

/**
 * The ordered models for a call: a prompt override, else an agent override, else the task
 * class's route. An enabled experiment for the task class applies to the task-class route only
 * (an override is an explicit choice, not a candidate for testing): arm B puts the experiment's
 * model first and keeps the rest of the route as fallbacks; arm A uses the route unchanged.
 */
export function resolveRoute(config: ModelsConfig, request: RouteRequest): RouteResolution {
  const override = (request.promptId !== undefined && config.prompts[request.promptId]) || (request.agentId !== undefined && config.agents[request.agentId]);
  if (override) return { models: [...override] };
  const route = config.routes[request.taskClass];
  const experiment = config.experiments.find((e) => e.enabled && e.taskClass === request.taskClass);
  if (!experiment) return { models: [...route] };
  const arm = assignArm(experiment.name, request.assignmentKey, experiment.share);
  const models = arm === 'B' ? [experiment.arm, ...route.filter((ref) => !sameModel(ref, experiment.arm))] : [...route];
  return { models, experiment: { name: experiment.name, arm } };
}
