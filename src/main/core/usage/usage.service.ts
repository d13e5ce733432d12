import { and, desc, eq, gte, sql, type SQL } from 'drizzle-orm';
import type { ModelRef, ProviderId, TaskClass, UsageArmRow, UsageRow } from '../../../shared/models/llm';
import type { AppDatabase } from '../db/connection';
import { llmCalls, projects } from '../db/schema';
import type { Clock, IdGenerator } from '../platform/clock';

export type LlmCallStatus = 'ok' | 'error' | 'cancelled';

/** One finished model call, as the llm service reports it. */
export interface LlmCallRecord {
  projectId?: string | null;
  promptId?: string | null;
  promptVersion?: number | null;
  taskClass: TaskClass;
  provider: ProviderId;
  model: string;
  /** "experiment:arm" when an A/B experiment chose the model. */
  experiment?: string | null;
  /** The route entries that failed before this one answered. */
  fallbackFrom?: readonly ModelRef[] | string | null;
  tokensIn: number;
  tokensOut: number;
  latencyMs: number;
  firstTokenMs?: number | null;
  status: LlmCallStatus;
  errorCode?: string | null;
  /** The token counts are estimates: the provider reported none (a stopped or failed stream). */
  estimated?: boolean;
}

/** What a call costs: the model table (resources/model-table.yaml) answers this. */
export interface PriceList {
  costUsd(ref: ModelRef, tokensIn: number, tokensOut: number): number;
}

export interface UsageDeps {
  database: AppDatabase;
  clock: Clock;
  ids: IdGenerator;
  prices: PriceList;
}

export interface UsageQuery {
  projectId?: string;
  days: number;
}

/** A count that SQLite stores as an integer: whole and never negative. */
const count = (value: number): number => (Number.isFinite(value) ? Math.max(0, Math.round(value)) : 0);
const fallbackText = (from: LlmCallRecord['fallbackFrom']): string | null => {
  if (from === undefined || from === null) return null;
  const text = typeof from === 'string' ? from : from.map((ref) => `${ref.provider}/${ref.model}`).join(', ');
  return text === '' ? null : text;
};

/** Midnight (local time) `days - 1` days before the day of `now`: the first instant a summary covers. */
export function summaryStart(now: number, days: number): number {
  const start = new Date(now);
  start.setHours(0, 0, 0, 0);
  // setDate, not subtracting 24 h steps: days around a DST change are 23 or 25 hours long.
  start.setDate(start.getDate() - (days - 1));
  return start.getTime();
}

/** Usage accounting: one row per model call, summed by local day and project for the usage view. */
export function createUsageService(deps: UsageDeps) {
  const { database, clock, ids, prices } = deps;
  const db = database.orm;
  const windowFilters = (query: UsageQuery): SQL[] => {
    const filters: SQL[] = [gte(llmCalls.at, summaryStart(clock.now(), Math.max(1, query.days)))];
    if (query.projectId !== undefined) filters.push(eq(llmCalls.projectId, query.projectId));
    return filters;
  };

  return {
    /** The estimated cost of a call (USD), without recording it. */
    estimateCost: (provider: ProviderId, model: string, tokensIn: number, tokensOut: number): number =>
      prices.costUsd({ provider, model }, count(tokensIn), count(tokensOut)),

    /** Stores a finished call with its estimated cost. */
    record(call: LlmCallRecord): { id: string; costUsd: number } {
      const tokensIn = count(call.tokensIn);
      const tokensOut = count(call.tokensOut);
      const costUsd = prices.costUsd({ provider: call.provider, model: call.model }, tokensIn, tokensOut);
      const id = ids.newId();
      db.insert(llmCalls)
        .values({
          id,
          at: clock.now(),
          projectId: call.projectId ?? null,
          promptId: call.promptId ?? null,
          promptVersion: call.promptVersion ?? null,
          taskClass: call.taskClass,
          provider: call.provider,
          model: call.model,
          experiment: call.experiment ?? null,
          fallbackFrom: fallbackText(call.fallbackFrom),
          tokensIn,
          tokensOut,
          latencyMs: count(call.latencyMs),
          firstTokenMs: call.firstTokenMs === undefined || call.firstTokenMs === null ? null : count(call.firstTokenMs),
          costUsd,
          status: call.status,
          errorCode: call.errorCode ?? null,
          estimated: call.estimated === true,
        })
        .run();
      return { id, costUsd };
    },

    /** Calls of the last `days` local days (today included), by day and project, newest day first. */
    summary(query: UsageQuery): UsageRow[] {
      // SQLite's 'localtime' and JavaScript's Date both follow the process's time zone.
      const day = sql<string>`date(${llmCalls.at} / 1000, 'unixepoch', 'localtime')`;
      const cost = sql<number>`coalesce(sum(${llmCalls.costUsd}), 0)`;
      const rows = db
        .select({
          day,
          projectId: llmCalls.projectId,
          projectTitle: projects.title,
          calls: sql<number>`count(*)`,
          tokensIn: sql<number>`coalesce(sum(${llmCalls.tokensIn}), 0)`,
          tokensOut: sql<number>`coalesce(sum(${llmCalls.tokensOut}), 0)`,
          costUsd: cost,
          avgLatencyMs: sql<number>`coalesce(avg(${llmCalls.latencyMs}), 0)`,
          errors: countWhere(sql`${llmCalls.status} = 'error'`),
          estimatedCalls: countWhere(sql`${llmCalls.estimated} = 1`),
        })
        .from(llmCalls)
        .leftJoin(projects, eq(projects.id, llmCalls.projectId))
        .where(and(...windowFilters(query)))
        .groupBy(day, llmCalls.projectId)
        .orderBy(desc(day), desc(cost), desc(sql`count(*)`))
        .all();
      return rows.map((row) => ({
        ...row,
        projectTitle: row.projectTitle ?? null,
        // Sums of float prices pick up noise in the last digits; a millionth of a dollar is plenty.
        costUsd: Math.round(row.costUsd * 1_000_000) / 1_000_000,
        avgLatencyMs: Math.round(row.avgLatencyMs),
      }));
    },

    /**
     * Calls that an A/B experiment routed, per experiment, arm and answering model (an arm's
     * fallbacks show as their own lines), in the last `days` local days.
     */
    byArm(query: UsageQuery): UsageArmRow[] {
      const rows = db
        .select({
          experiment: llmCalls.experiment,
          provider: llmCalls.provider,
          model: llmCalls.model,
          calls: sql<number>`count(*)`,
          tokensIn: sql<number>`coalesce(sum(${llmCalls.tokensIn}), 0)`,
          tokensOut: sql<number>`coalesce(sum(${llmCalls.tokensOut}), 0)`,
          costUsd: sql<number>`coalesce(sum(${llmCalls.costUsd}), 0)`,
          avgLatencyMs: sql<number>`coalesce(avg(${llmCalls.latencyMs}), 0)`,
          avgFirstTokenMs: sql<number | null>`avg(${llmCalls.firstTokenMs})`,
          errors: countWhere(sql`${llmCalls.status} = 'error'`),
          cancelled: countWhere(sql`${llmCalls.status} = 'cancelled'`),
          estimatedCalls: countWhere(sql`${llmCalls.estimated} = 1`),
        })
        .from(llmCalls)
        .where(and(...windowFilters(query), sql`${llmCalls.experiment} is not null`))
        .groupBy(llmCalls.experiment, llmCalls.provider, llmCalls.model)
        .orderBy(llmCalls.experiment, desc(sql`count(*)`))
        .all();
      return rows
        .flatMap((row) => {
          const split = splitExperiment(row.experiment);
          if (!split) return [];
          return [
            {
              ...row,
              ...split,
              provider: row.provider as ProviderId,
              costUsd: Math.round(row.costUsd * 1_000_000) / 1_000_000,
              avgLatencyMs: Math.round(row.avgLatencyMs),
              avgFirstTokenMs: row.avgFirstTokenMs === null ? null : Math.round(row.avgFirstTokenMs),
            },
          ];
        })
        .sort((a, b) => a.experiment.localeCompare(b.experiment) || a.arm.localeCompare(b.arm) || b.calls - a.calls);
    },
  };
}

/** How many rows of a group match `condition`. */
const countWhere = (condition: SQL) => sql<number>`coalesce(sum(case when ${condition} then 1 else 0 end), 0)`;

/** "name:B" → its experiment and arm; the name may itself hold colons. */
function splitExperiment(value: string | null): { experiment: string; arm: 'A' | 'B' } | null {
  const match = value === null ? null : /^(.*):([AB])$/.exec(value);
  return match ? { experiment: match[1] ?? '', arm: match[2] === 'B' ? 'B' : 'A' } : null;
}

export type UsageService = ReturnType<typeof createUsageService>;
