import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { FuseState, FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { afterAll, describe, expect, it } from 'vitest';
import { ATALAYA_FUSES, flipAtalayaFuses } from '../../scripts/package-fuses.mjs';

/**
 * The packaging fuses (scripts/package-fuses.mjs; tested here, beside the main process they
 * protect). A fixture binary carries a fuse wire as Electron lays it out (read from
 * node_modules/@electron/fuses/dist: the sentinel, a version byte, a length byte, one byte per fuse
 * — '0' disabled, '1' enabled) with every fuse in Electron's default state, between unrelated bytes.
 */
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const ON = FuseState.ENABLE; // '1'
const OFF = FuseState.DISABLE; // '0'
/** Electron's defaults, in wire order (RunAsNode … WasmTrapHandlers). */
const DEFAULTS = [ON, OFF, ON, ON, OFF, OFF, OFF, ON, ON];

const dir = mkdtempSync(join(tmpdir(), 'atalaya-fuses-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function fixtureBinary(name: string): string {
  const path = join(dir, name);
  const before = Buffer.alloc(4096, 0x90);
  const wire = Buffer.from([1, DEFAULTS.length, ...DEFAULTS]);
  writeFileSync(path, Buffer.concat([before, Buffer.from(SENTINEL), wire, Buffer.alloc(2048, 0xcc)]));
  return path;
}

const expected: Record<number, number> = {
  [FuseV1Options.RunAsNode]: OFF,
  [FuseV1Options.EnableCookieEncryption]: ON,
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: OFF,
  [FuseV1Options.EnableNodeCliInspectArguments]: OFF,
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: ON,
  [FuseV1Options.OnlyLoadAppFromAsar]: ON,
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: OFF,
};

describe('the packaging fuses', () => {
  it('set exactly the fuses the desk needs', () => {
    expect(Object.keys(ATALAYA_FUSES).map(Number).sort()).toEqual(Object.keys(expected).map(Number).sort());
  });

  it('flip on a fixture fuse wire: read back with getCurrentFuseWire, each fuse as set, the others and every other byte untouched', async () => {
    const path = fixtureBinary('electron');
    const original = readFileSync(path);
    expect(await flipAtalayaFuses(path)).toEqual({
      RunAsNode: 'disabled',
      EnableCookieEncryption: 'enabled',
      EnableNodeOptionsEnvironmentVariable: 'disabled',
      EnableNodeCliInspectArguments: 'disabled',
      EnableEmbeddedAsarIntegrityValidation: 'enabled',
      OnlyLoadAppFromAsar: 'enabled',
      GrantFileProtocolExtraPrivileges: 'disabled',
    });
    const wire = (await getCurrentFuseWire(path)) as unknown as Record<number, number>;
    for (const [index, state] of Object.entries(expected)) expect(wire[Number(index)], FuseV1Options[Number(index)]).toBe(state);
    expect(wire[FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]).toBe(OFF);
    expect(wire[FuseV1Options.WasmTrapHandlers]).toBe(ON);
    const after = readFileSync(path);
    expect(after.length).toBe(original.length);
    const changed = [...after.keys()].filter((i) => after[i] !== original[i]);
    const wireStart = 4096 + SENTINEL.length + 2;
    expect(changed.every((i) => i >= wireStart && i < wireStart + DEFAULTS.length)).toBe(true);
  });

  it('run as a CLI on a binary path, and fail with a message on a file that is not Electron', () => {
    const path = fixtureBinary('electron-cli');
    const out = execFileSync(process.execPath, [resolve('scripts/package-fuses.mjs'), path], { encoding: 'utf8' });
    expect(out).toContain('RunAsNode: disabled');
    expect(out).toContain('OnlyLoadAppFromAsar: enabled');
    const notElectron = join(dir, 'not-electron');
    writeFileSync(notElectron, 'just bytes');
    expect(() => execFileSync(process.execPath, [resolve('scripts/package-fuses.mjs'), notElectron], { stdio: 'pipe' })).toThrow(
      /Could not set the fuses .*sentinel/s,
    );
  });

  const real = resolve('node_modules/electron/dist/electron');
  it(
    existsSync(real)
      ? 'flip on a copy of the installed Electron binary'
      : 'on the real Electron binary: not installed here (node_modules/electron/dist/electron), so only the fixture wire above is checked',
    async () => {
      if (!existsSync(real)) return void expect(existsSync(real)).toBe(false);
      const copy = join(dir, 'electron-real');
      copyFileSync(real, copy);
      await flipAtalayaFuses(copy);
      const wire = (await getCurrentFuseWire(copy)) as unknown as Record<number, number>;
      for (const [index, state] of Object.entries(expected)) expect(wire[Number(index)], FuseV1Options[Number(index)]).toBe(state);
    },
  );
});
