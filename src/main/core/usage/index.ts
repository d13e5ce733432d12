export {
  createUsageService,
  summaryStart,
  type LlmCallRecord,
  type LlmCallStatus,
  type PriceList,
  type UsageDeps,
  type UsageQuery,
  type UsageService,
} from './usage.service';
export { createUsageHandlers } from './handlers';
