import { Flame, Target } from 'lucide-react';
import { useEffect, useMemo, type JSX, type ReactNode } from 'react';
import type { Outline } from '../../../../shared/models/manuscript';
import { useShallow } from 'zustand/react/shallow';
import { useStores } from '../../app/services';
import { formatNumber, ProgressBar } from '../../ui';
import { useEditorSession } from './editor-session.store';
import { computeFigures } from './writing-figures';
import { useWritingStatsSync } from './writing-stats.store';
import './WritingStats.css';

/** Stored word count per scene (the outline store keeps them current from `scene.saved`). */
function countsOf(outline: Outline | null): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const chapter of outline?.chapters ?? []) for (const scene of chapter.scenes) counts[scene.id] = scene.wordCount;
  return counts;
}

const percent = (value: number, goal: number) => (goal > 0 ? Math.min(100, Math.floor((value / goal) * 100)) : 0);

/** Manuscript words against the project's goal, and today's words in this project against the daily goal. */
export function WritingStats({ projectId }: { projectId: string }): JSX.Element {
  const { useWritingStats, usePrefs, useOutline } = useStores();
  useWritingStatsSync(projectId);
  const outline = useOutline((state) => (state.outline?.projectId === projectId ? state.outline : null));
  const sceneWords = useMemo(() => countsOf(outline), [outline]);
  const { session, wordGoal, stale } = useWritingStats(
    useShallow((state) => ({
      session: state.session?.words ?? null,
      wordGoal: state.wordGoal,
      stale: state.projectId !== projectId,
    })),
  );
  const live = useEditorSession((state) => state.live);
  const sessionGoal = usePrefs((state) => state.prefs.sessionGoal);

  useEffect(() => {
    if (!usePrefs.getState().loaded) void usePrefs.getState().load();
  }, [usePrefs]);

  const { projectWords, sessionWords } = computeFigures(stale ? {} : sceneWords, stale ? null : session, live);

  return (
    <section className="writing-stats" aria-label="Writing progress" data-testid="writing-stats">
      <Meter
        icon={<Target size={13} />}
        label="Manuscript"
        value={projectWords}
        goal={wordGoal}
        goalName="the manuscript’s word goal"
        testId="stats-project-words"
      />
      <Meter icon={<Flame size={13} />} label="Today" value={sessionWords} goal={sessionGoal} goalName="today’s goal" testId="stats-session-words" />
    </section>
  );
}

interface MeterProps {
  icon: ReactNode;
  label: string;
  value: number;
  goal: number;
  goalName: string;
  testId: string;
}

/** One figure against its goal: label, words, percentage and a thin bar. */
function Meter({ icon, label, value, goal, goalName, testId }: MeterProps): JSX.Element {
  const summary = goal > 0 ? `${label}: ${formatNumber(value)} of ${formatNumber(goal)} words (${percent(value, goal)}%)` : `${label}: ${formatNumber(value)} words`;
  return (
    <div className="writing-stats__meter" title={summary}>
      <div className="writing-stats__line">
        <span className="writing-stats__label">
          <span aria-hidden="true">{icon}</span>
          {label}
        </span>
        <span className="writing-stats__figure">
          <span data-testid={testId}>{formatNumber(value)}</span>
          {goal > 0 && <span className="writing-stats__goal"> / {formatNumber(goal)}</span>}
        </span>
        {goal > 0 && <span className="writing-stats__percent">{percent(value, goal)}%</span>}
      </div>
      <ProgressBar value={value} max={goal} label={`Progress toward ${goalName}`} size="sm" />
    </div>
  );
}
