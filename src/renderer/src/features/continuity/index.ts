export { ContinuityPanel } from './ContinuityPanel';
export { createContinuityStore, useContinuitySync, type ContinuityStore } from './continuity.store';
