import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

/*
 * Issue 6, point 31: the packaged app's Electron fuses. Flipped into the binary at packaging
 * time, they stop anyone who can run the app from using it as a general Node runtime or
 * debugging it into reading the manuscript, and make it load only its own, checked, code.
 */

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const config = parse(readFileSync(`${repoRoot}electron-builder.yml`, 'utf8')) as {
  asar?: unknown;
  asarUnpack?: string[];
  electronFuses?: Record<string, unknown>;
  mac?: { files?: string[] };
  win?: { files?: string[] };
  linux?: { files?: string[] };
};
/** The fuse names electron-builder knows (its own configuration schema), so a misspelt fuse cannot pass unnoticed. */
const schema = JSON.parse(readFileSync(`${repoRoot}node_modules/app-builder-lib/scheme.json`, 'utf8')) as {
  definitions: { FuseOptionsV1: { properties: Record<string, unknown> } };
};

describe('electron-builder.yml', () => {
  it('turns the dangerous Electron fuses off and asar integrity on', () => {
    expect(config.electronFuses).toMatchObject({
      // ELECTRON_RUN_AS_NODE cannot turn the app into a plain Node.js.
      runAsNode: false,
      // --inspect and friends (and SIGUSR1) cannot attach a debugger to the main process.
      enableNodeCliInspectArguments: false,
      // NODE_OPTIONS cannot inject code (--require) either.
      enableNodeOptionsEnvironmentVariable: false,
      // app.asar is checked against the hash recorded at packaging, and nothing else is loaded.
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      // The renderer is served from the app:// protocol; file:// gets no extra powers.
      grantFileProtocolExtraPrivileges: false,
      enableCookieEncryption: true,
    });
    // Integrity is checked on the asar archive: the app must be packed in one.
    expect(config.asar).toBe(true);
  });

  it('names only fuses electron-builder knows', () => {
    const known = Object.keys(schema.definitions.FuseOptionsV1.properties);
    expect(Object.keys(config.electronFuses ?? {}).filter((name) => !known.includes(name))).toEqual([]);
  });

  it('keeps native modules and the ffmpeg binary outside the asar archive, where the OS can load them', () => {
    expect(config.asarUnpack).toEqual(
      expect.arrayContaining(['node_modules/better-sqlite3/**', 'node_modules/onnxruntime-node/**', 'node_modules/ffmpeg-static/**']),
    );
  });

  it('unpacks sodium-native, and each installer keeps only its own platform’s prebuilds', () => {
    expect(config.asarUnpack).toContain('node_modules/sodium-native/**');
    expect(config.mac?.files).toContain('!node_modules/sodium-native/prebuilds/{linux,win32}-*/**');
    expect(config.win?.files).toContain('!node_modules/sodium-native/prebuilds/{linux,darwin}-*/**');
    expect(config.linux?.files).toContain('!node_modules/sodium-native/prebuilds/{darwin,win32}-*/**');
  });
});
