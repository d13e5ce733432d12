export { OutlinePanel } from './OutlinePanel';
export { createOutlineStore, type OutlineStore } from './outline.store';
export { useOutlineSync } from './use-outline-sync';
