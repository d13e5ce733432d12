import { ScanSearch, ShieldCheck } from 'lucide-react';
import { useState, type JSX } from 'react';
import type { ContinuityEvidence, ContinuityIssue } from '../../../../shared/models/continuity';
import type { Job } from '../../../../shared/models/jobs';
import { useStores } from '../../app/services';
import { Button, EmptyState, notify, ProgressBar, Spinner } from '../../ui';
import { showPanel } from '../project/layout.store';
import { useNavigation } from '../project/navigation.store';
import { IssueCard } from './IssueCard';
import { useContinuitySync } from './continuity.store';
import '../../ui/panel.css';
import './ContinuityPanel.css';

const RUNNING: readonly Job['status'][] = ['queued', 'running', 'retrying'];

/** The job's last message as a sentence ("Checked 4 of 4 scenes.", "Not checked: Ollama isn’t running…"). */
const sentence = (text: string) => (/[.!?…]$/.test(text) ? text : `${text}.`);

/** What the check is doing, as a bar and a sentence read out when it changes. */
function CheckProgress({ job }: { job: Job | null }): JSX.Element | null {
  if (!job) return null;
  if (RUNNING.includes(job.status)) {
    const message = job.status === 'queued' ? 'Waiting to check…' : job.status === 'retrying' ? 'Trying again shortly…' : (job.progress.message ?? 'Checking…');
    return (
      <div className="continuity-progress" data-testid="continuity-progress">
        <ProgressBar size="sm" value={job.progress.done} max={job.progress.total} label="Continuity check progress" />
        <p role="status">{message}</p>
      </div>
    );
  }
  if (job.status === 'failed') {
    return (
      <p className="continuity-progress continuity-progress--error" role="alert" data-testid="continuity-check-error">
        The check did not finish: {job.error?.message ?? 'something went wrong.'}
      </p>
    );
  }
  return (
    <p className="continuity-progress" role="status" data-testid="continuity-check-done">
      {job.status === 'cancelled' ? 'Check cancelled.' : sentence(job.progress.message ?? 'Check finished')}
    </p>
  );
}

/** Contradictions between the scenes and the codex, with links to both places and three ways to settle each. */
export function ContinuityPanel({ projectId }: { projectId: string }): JSX.Element {
  const { useContinuity, useCodexStore } = useStores();
  useContinuitySync(projectId);
  const store = useContinuity();
  const sceneId = useNavigation((state) => state.sceneId);
  const [busyId, setBusyId] = useState<string | null>(null);
  const mine = store.projectId === projectId;
  const running = store.job !== null && RUNNING.includes(store.job.status);

  const check = async (scene?: string) => {
    try {
      await useContinuity.getState().check(projectId, scene);
    } catch (error) {
      notify.error(error, { title: 'Could not start the check' });
    }
  };

  const open = (evidence: ContinuityEvidence) => {
    if (evidence.type === 'scene') {
      useNavigation.getState().openScene(evidence.id, evidence.quote);
      return;
    }
    useCodexStore.getState().setFocus(evidence.id);
    showPanel('codex');
  };

  const act = async (issue: ContinuityIssue, work: () => Promise<unknown>, title: string) => {
    setBusyId(issue.id);
    try {
      await work();
    } catch (error) {
      notify.error(error, { title });
    } finally {
      setBusyId(null);
    }
  };

  const issues = mine ? store.issues : [];
  return (
    <div className="ui-panel continuity-panel" data-testid="continuity-panel">
      <div className="ui-panel__bar continuity-panel__bar">
        <div className="continuity-panel__checks">
          <Button size="sm" icon={<ScanSearch size={14} />} disabled={sceneId === null || running} onClick={() => sceneId && void check(sceneId)} data-testid="continuity-check-scene">
            Check this scene
          </Button>
          <Button size="sm" disabled={running} onClick={() => void check()} data-testid="continuity-check-book">
            Check the whole book
          </Button>
        </div>
        <CheckProgress job={mine ? store.job : null} />
        <div className="continuity-panel__show" role="radiogroup" aria-label="Which issues">
          {(['open', 'resolved'] as const).map((show) => (
            <button key={show} type="button" role="radio" aria-checked={store.show === show} className={`continuity-panel__tab${store.show === show ? ' is-active' : ''}`} onClick={() => void store.setShow(show)} data-testid={`continuity-show-${show}`}>
              {show === 'open' ? 'Open' : 'Resolved'}
            </button>
          ))}
        </div>
      </div>
      <div className="ui-panel__body">
        {store.status === 'loading' || !mine ? (
          <div className="ui-panel__center">
            <Spinner label="Loading continuity issues…" />
          </div>
        ) : store.status === 'error' && issues.length === 0 ? (
          <EmptyState size="sm" title="Continuity issues could not be loaded" action={<Button onClick={() => void store.load(projectId)}>Try again</Button>}>
            {store.error}
          </EmptyState>
        ) : issues.length === 0 ? (
          <EmptyState size="sm" icon={<ShieldCheck size={22} />} title={store.show === 'open' ? 'No contradictions found' : 'Nothing resolved yet'} data-testid="continuity-empty">
            A scene is checked against the codex and the other scenes a little while after you stop typing in it. Check a scene or the whole book any time.
          </EmptyState>
        ) : (
          <ul className="ui-panel__list continuity-issues" aria-label={store.show === 'open' ? 'Open continuity issues' : 'Resolved continuity issues'}>
            {issues.map((issue) => (
              <IssueCard
                key={issue.id}
                issue={issue}
                proposal={store.proposal?.issueId === issue.id ? store.proposal : null}
                busy={busyId === issue.id}
                onOpen={open}
                onFixText={() => {
                  open(issue.found);
                  notify.info('Change the passage; once the scene is saved and checked again, this issue closes by itself.', { title: 'Fix the text' });
                }}
                onProposeCodex={() => void act(issue, () => useContinuity.getState().propose(issue.id), 'Could not prepare the codex change')}
                onApprove={() => void act(issue, () => useContinuity.getState().resolve(issue.id, 'codex-updated'), 'Could not update the codex')}
                onDecline={() => useContinuity.getState().declineProposal()}
                onIntended={() => void act(issue, () => useContinuity.getState().resolve(issue.id, 'intended'), 'Could not resolve the issue')}
              />
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
