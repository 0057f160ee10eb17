#!/usr/bin/env node
/**
 * `npm start`: build, then open the Electron desk where its binary is usable; otherwise say why
 * and serve the same desk to a browser on loopback (the engine runs in this machine either way).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const run = (cmd, args) => spawnSync(cmd, args, { stdio: 'inherit' }).status === 0;

console.log('Building the desk (electron-vite build)…');
if (!run('node_modules/.bin/electron-vite', ['build'])) {
  console.error('The build failed; see the errors above.');
  process.exit(1);
}

/** The Electron binary, if it was downloaded; never triggers a download itself (require('electron') would). */
function electronBinary() {
  try {
    const dir = dirname(require.resolve('electron/package.json'));
    const rel = readFileSync(join(dir, 'path.txt'), 'utf8').trim();
    const path = join(dir, 'dist', rel);
    return existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

let binary = electronBinary();
if (!binary && process.env.ATALAYA_NO_ELECTRON !== '1') {
  console.log('The Electron binary is not installed; trying to download it once (needs internet)…');
  spawnSync(process.execPath, ['node_modules/electron/install.js'], { stdio: 'ignore', timeout: 60_000 });
  binary = electronBinary();
}
const hasDisplay = process.platform !== 'linux' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);

let child;
if (binary && hasDisplay && process.env.ATALAYA_NO_ELECTRON !== '1') {
  child = spawn(binary, ['.'], { stdio: 'inherit' });
} else {
  const why = !binary ? 'the Electron binary is not available (it could not be downloaded here)' : !hasDisplay ? 'there is no display (DISPLAY/WAYLAND_DISPLAY unset)' : 'ATALAYA_NO_ELECTRON=1';
  console.log(`\nOpening the desk in your browser instead, because ${why}.`);
  console.log('The engine and the desk are the same; only the window differs.\n');
  child = spawn('node_modules/.bin/tsx', ['src/server/web.ts'], { stdio: 'inherit' });
}
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code) => process.exit(code ?? 0));
