export { RunView } from './RunView';
export { RunsList } from './RunsList';
export { useRunView, type CrewSection } from './run-view.store';
export { createRunsStore, type RunsStore } from './runs.store';
export { RUN_STATUS_LABEL } from './run-format';
