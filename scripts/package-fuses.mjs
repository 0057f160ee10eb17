#!/usr/bin/env node
/**
 * Electron fuses for a packaged Atalaya: features of the Electron binary itself, switched off (or
 * on) in the binary at packaging time, so no command-line flag or environment variable can turn
 * them back. Run on the Electron binary that will ship, before it is signed:
 *
 *   node scripts/package-fuses.mjs <path-to-electron-binary>
 *
 * (macOS: the .app bundle or its Contents/MacOS binary; Windows: electron.exe.) There is no
 * packager in the repository yet; whichever is added calls {@link flipAtalayaFuses} from its
 * after-pack hook. `@electron/fuses` is a dev dependency: it is needed only when packaging.
 */
import { pathToFileURL } from 'node:url';
import { FuseV1Options, FuseVersion, FuseState, flipFuses, getCurrentFuseWire } from '@electron/fuses';

/** What each fuse is set to, and why. */
export const ATALAYA_FUSES = {
  // The binary must not run as plain Node (ELECTRON_RUN_AS_NODE): that would be a Node with our app's trust.
  [FuseV1Options.RunAsNode]: false,
  // Cookies on disk are encrypted with the OS key store.
  [FuseV1Options.EnableCookieEncryption]: true,
  // NODE_OPTIONS could --require any script into main.
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  // --inspect / --inspect-brk would open main (and its engine bridge) to a debugger.
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  // The app archive is checked against the hash embedded at packaging…
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  // …and the app is loaded only from that archive, not from a loose folder beside it.
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  // The desk is served from app://desk/ (src/main/desk-protocol.ts): file: needs no extra privileges.
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
};

const NAMES = Object.fromEntries(Object.keys(ATALAYA_FUSES).map((i) => [i, FuseV1Options[Number(i)]]));

/**
 * Flips Atalaya's fuses in the Electron binary at `electronPath` (in place), reads the wire back
 * and checks every fuse took its value. Returns `{ name: 'enabled' | 'disabled' }` per fuse set.
 */
export async function flipAtalayaFuses(electronPath) {
  await flipFuses(electronPath, { version: FuseVersion.V1, ...ATALAYA_FUSES });
  const wire = await getCurrentFuseWire(electronPath);
  const result = {};
  for (const [index, on] of Object.entries(ATALAYA_FUSES)) {
    const want = on ? FuseState.ENABLE : FuseState.DISABLE;
    if (wire[index] !== want) {
      throw new Error(
        `Fuse ${NAMES[index]} is ${wire[index]} after flipping, expected ${want}; is ${electronPath} an Electron binary of a supported version?`,
      );
    }
    result[NAMES[index]] = on ? 'enabled' : 'disabled';
  }
  return result;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const target = process.argv[2];
  if (!target) {
    console.error('Usage: node scripts/package-fuses.mjs <path-to-electron-binary>');
    process.exit(2);
  }
  try {
    const result = await flipAtalayaFuses(target);
    for (const [name, state] of Object.entries(result)) console.log(`${name}: ${state}`);
  } catch (e) {
    console.error(`Could not set the fuses of ${target}: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  }
}
