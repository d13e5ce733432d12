export { createKeysService, maskKey, secretName, type CheckKey, type KeyCheck, type KeysDeps, type KeysService } from './keys.service';
export { createKeysHandlers } from './handlers';
