export { OutlinePanel } from './OutlinePanel';
export { useOutline } from './outline.store';
export { useOutlineSync } from './use-outline-sync';
