/**
 * The sources an AI reply or suggestion was given (issue 7, point 4), shown as a compact
 * "Sources (n)" disclosure. Test ids: `ai-sources-toggle`, `ai-source` (with
 * `data-source-type`), `ai-source-open`.
 */
export { SourcesDisclosure, type SourcesDisclosureProps } from './SourcesDisclosure';
export { canOpen, findTextOf, openSource } from './open-source';
