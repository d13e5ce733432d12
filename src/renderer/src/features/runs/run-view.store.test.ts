import { beforeEach, describe, expect, it } from 'vitest';
import { useNavigation } from '../project/navigation.store';
import { useRunView } from './run-view.store';

beforeEach(() => {
  useRunView.setState({ section: 'proposals', runId: null });
  useNavigation.setState({ panel: 'chat' });
});

describe('useRunView', () => {
  it('opens a run in the crew panel’s Runs section (the chat’s run card does this)', () => {
    useRunView.getState().open('00000000-0000-4000-8000-00000000d0b1');
    expect(useRunView.getState()).toMatchObject({ section: 'runs', runId: '00000000-0000-4000-8000-00000000d0b1' });
    expect(useNavigation.getState().panel).toBe('crew');
    useRunView.getState().close();
    expect(useRunView.getState().runId).toBeNull();
  });

  it('shows a section of the crew panel', () => {
    useRunView.getState().show('audit');
    expect(useRunView.getState().section).toBe('audit');
    expect(useNavigation.getState().panel).toBe('crew');
  });
});
