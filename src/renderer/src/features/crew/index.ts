export { CrewPanel } from './CrewPanel';
