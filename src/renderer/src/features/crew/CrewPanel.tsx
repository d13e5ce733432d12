import { useEffect, type JSX } from 'react';
import { useApi, useStores } from '../../app/services';
import { onReconnected } from '../../lib/on-reconnected';
import { TabPanel, Tabs, type TabItem } from '../../ui';
import { AuditLogView } from '../audit';
import { PlaybooksView } from '../playbooks';
import { pendingCount, ProposalsInbox } from '../proposals';
import { RunsList, RunView, useRunView, type CrewSection } from '../runs';
import './crew.css';

/**
 * Keeps the project's runs and proposals current while the crew panel is open: `run.changed`
 * (a proposal decided or made bumps its run's seq too) and a re-read after each reconnect.
 */
function useCrewSync(projectId: string): void {
  const api = useApi();
  const { useRuns, useProposals } = useStores();
  useEffect(() => {
    const offChanged = api.on('run.changed', (event) => {
      useRuns.getState().runChanged(event);
      if (event.projectId === projectId) void useProposals.getState().load(projectId);
    });
    const reread = () => {
      void useRuns.getState().load(projectId);
      void useProposals.getState().load(projectId);
      const open = useRunView.getState().runId;
      if (open) void useRuns.getState().openDetail(open);
    };
    reread();
    // After a reconnect, events may have been missed: read everything again.
    const offStatus = onReconnected(api, reread);
    return () => {
      offChanged();
      offStatus();
    };
  }, [api, projectId, useProposals, useRuns]);
}

/** The agent crew's area of the right panel: runs (and one run's view), proposals, the audit log and playbooks. */
export function CrewPanel({ projectId }: { projectId: string }): JSX.Element {
  const { useProposals } = useStores();
  useCrewSync(projectId);
  const section = useRunView((s) => s.section);
  const runId = useRunView((s) => s.runId);
  const pending = useProposals((s) => (s.projectId === projectId ? pendingCount(s.proposals) : 0));
  const tabs: readonly TabItem<CrewSection>[] = [
    { id: 'runs', label: 'Runs', 'data-testid': 'crew-tab-runs' },
    { id: 'proposals', label: 'Proposals', badge: { count: pending, label: `${pending} waiting` }, 'data-testid': 'crew-tab-proposals' },
    { id: 'audit', label: 'Audit', 'data-testid': 'crew-tab-audit' },
    { id: 'playbooks', label: 'Playbooks', 'data-testid': 'crew-tab-playbooks' },
  ];
  return (
    <div className="ui-panel crew-panel" data-testid="crew-panel">
      <Tabs tabs={tabs} active={section} label="Crew sections" idPrefix="crew" onChange={(id) => useRunView.getState().show(id)} />
      <TabPanel idPrefix="crew" id={section} className="crew-panel__body">
        {section === 'runs' && (runId ? <RunView runId={runId} /> : <RunsList projectId={projectId} onShowPlaybooks={() => useRunView.getState().show('playbooks')} />)}
        {section === 'proposals' && <ProposalsInbox projectId={projectId} />}
        {section === 'audit' && <AuditLogView projectId={projectId} />}
        {section === 'playbooks' && <PlaybooksView projectId={projectId} />}
      </TabPanel>
    </div>
  );
}
