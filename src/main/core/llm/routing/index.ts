export { createRoutesHandlers } from './handlers';
export { checkModelsConfig, parseModelsYaml, type ConfigProblem } from './models-config.check';
export {
  createModelsConfigStore,
  DEFAULT_MODELS_FILE,
  USER_MODELS_FILE_NAME,
  type ModelsConfigStore,
  type ModelsConfigStoreOptions,
} from './models-config.store';
export { assignArm, assignmentPoint, resolveRoute, type ExperimentArm, type RouteRequest, type RouteResolution } from './route-resolver';
