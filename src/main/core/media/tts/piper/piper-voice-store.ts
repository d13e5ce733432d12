import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { AppError, ErrorCode } from '../../../../../shared/ipc/errors';
import { piperVoiceConfigSchema, type PiperVoiceConfig } from './piper-voice-config';

/** A Piper voice in the data folder: `<dir>/<key>/<key>.onnx` and its `.onnx.json`. */
export interface InstalledPiperVoice {
  key: string;
  modelPath: string;
  configPath: string;
  config: PiperVoiceConfig;
}

export interface PiperVoiceStore {
  /** `<dataDir>/voices/piper`. */
  readonly dir: string;
  /** The folder a voice installs into; INVALID_INPUT for a key that is not a catalogue key. */
  folderOf(key: string): string;
  /** The installed voices, sorted by key (a folder with a missing or unreadable file is not one). */
  installed(): Promise<InstalledPiperVoice[]>;
  /** The voice with `key`: NOT_FOUND when not installed, PROVIDER_FAILED when its config is damaged. */
  find(key: string): Promise<InstalledPiperVoice>;
  /** The voices found by the last `installed()` (for choices that cannot wait, like fallback order). */
  lastKnown(): readonly InstalledPiperVoice[];
}

/** Catalogue keys are `<lang>_<REGION>-<dataset>-<quality>`; anything else never names a folder. */
const KEY = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,150}$/;
const isKey = (name: string) => KEY.test(name) && !name.includes('..');

/** The data folder's installed Piper voices (the installer writes them; this only reads). */
export function createPiperVoiceStore(dir: string): PiperVoiceStore {
  let known: InstalledPiperVoice[] = [];

  const folderOf = (key: string) => {
    if (!isKey(key)) throw new AppError(ErrorCode.INVALID_INPUT, `“${key}” is not a Piper voice name.`);
    return path.join(dir, key);
  };

  const load = async (key: string): Promise<InstalledPiperVoice | 'missing' | 'damaged'> => {
    const folder = folderOf(key);
    const modelPath = path.join(folder, `${key}.onnx`);
    const configPath = `${modelPath}.json`;
    const present = await Promise.all([modelPath, configPath].map((file) => stat(file).then((s) => s.isFile(), () => false)));
    if (!present.every(Boolean)) return 'missing';
    try {
      const config = piperVoiceConfigSchema.parse(JSON.parse(await readFile(configPath, 'utf8')));
      return { key, modelPath, configPath, config };
    } catch {
      return 'damaged';
    }
  };

  return {
    dir,
    folderOf,
    async installed() {
      const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
      const keys = entries.filter((e) => e.isDirectory() && isKey(e.name)).map((e) => e.name).sort();
      const loaded = await Promise.all(keys.map(load));
      known = loaded.filter((v): v is InstalledPiperVoice => typeof v === 'object');
      return known;
    },
    async find(key) {
      const voice = await load(key);
      if (voice === 'missing') throw new AppError(ErrorCode.NOT_FOUND, `The Piper voice “${key}” is not installed: download it in the voice picker.`);
      if (voice === 'damaged') {
        throw new AppError(ErrorCode.PROVIDER_FAILED, `The Piper voice “${key}” is damaged (its configuration file could not be read): remove it and download it again.`);
      }
      return voice;
    },
    lastKnown: () => known,
  };
}
