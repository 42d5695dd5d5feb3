/**
 * electron-builder.yml validated offline with electron-builder's own schema validation
 * (app-builder-lib's validateConfiguration; the packager itself needs to download Electron).
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const projectDir = path.resolve(import.meta.dirname, '../..');
const require = createRequire(import.meta.url);

interface BuilderConfig {
  appId?: string;
  productName?: string;
  files?: unknown;
  asar?: boolean;
  electronFuses?: Record<string, boolean>;
  linux?: { target?: unknown; category?: string };
  win?: { target?: unknown };
  mac?: { target?: unknown };
  [key: string]: unknown;
}
const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
  getConfig: (projectDir: string, configPath: string | null, fromOptions: null) => Promise<BuilderConfig>;
  validateConfiguration: (config: BuilderConfig, debugLogger: unknown) => Promise<void>;
};
const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };

async function load(): Promise<BuilderConfig> {
  return getConfig(projectDir, null, null);
}

describe('electron-builder.yml', () => {
  it('passes electron-builder schema validation', async () => {
    await expect(validateConfiguration(await load(), new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('rejects an unknown key (the validation is real)', async () => {
    const config = { ...(await load()), electronFusez: { runAsNode: false } };
    await expect(validateConfiguration(config, new DebugLogger(false))).rejects.toThrow(/unknown property 'electronFusez'/);
    const badFuse = { ...(await load()), electronFuses: { runAsNode: false, runAsNodee: false } };
    await expect(validateConfiguration(badFuse, new DebugLogger(false))).rejects.toThrow(/configuration\.electronFuses/);
  });

  it('identifies the app and ships only the build output in an asar', async () => {
    const config = await load();
    expect(config.appId).toBe('no.reisekart.app');
    expect(config.productName).toBe('Reisekart');
    expect(config.asar).toBe(true);
    expect(JSON.stringify(config.files)).toBe(JSON.stringify([{ filter: ['out/**', 'package.json', '!node_modules/**'] }]));
  });

  it('flips the security fuses', async () => {
    expect((await load()).electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('targets AppImage + deb, nsis and dmg', async () => {
    const config = await load();
    expect(config.linux?.target).toEqual(['AppImage', 'deb']);
    expect(config.linux?.category).toBe('Education;Office');
    expect(config.win?.target).toEqual(['nsis']);
    expect(config.mac?.target).toEqual(['dmg']);
  });
});
