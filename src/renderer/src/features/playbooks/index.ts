export { PlaybooksView } from './PlaybooksView';
export { createPlaybooksStore, type PlaybooksStore } from './playbooks.store';
