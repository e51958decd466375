// Builds the app (vite build) when dist/ is missing or older than what it is built from.
// Used by `npm start` (src/server/start.mjs) and by the e2e tests' global setup.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const projectRoot = fileURLToPath(new URL('../..', import.meta.url));

/** What the build reads: a change to any of these makes dist/ stale. */
const BUILD_INPUTS = ['src', 'public', 'index.html', 'vite.config.ts', 'package.json', 'package-lock.json'];

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs; // a deleted file changes its directory's mtime
  for (const entry of readdirSync(path)) {
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

/** Why dist/ needs a build, or null when it is up to date. */
function staleReason(root = projectRoot) {
  const builtAt = join(root, 'dist', 'index.html');
  if (!existsSync(builtAt)) return 'dist/ has no build yet';
  const builtTime = statSync(builtAt).mtimeMs;
  for (const input of BUILD_INPUTS) {
    if (newestMtime(join(root, input)) > builtTime) return `${input} changed since the last build`;
  }
  return null;
}

/**
 * Runs `vite build` in `root` when dist/ is stale. Returns true when it built.
 * The build runs in a child process with NODE_ENV=production: inside vitest (NODE_ENV=test) an
 * in-process build would be a development build, without the service worker registration.
 */
export async function buildIfStale({ root = projectRoot, log = console.log } = {}) {
  const reason = staleReason(root);
  if (!reason) return false;
  log(`Building the app (${reason})…`);
  const viteBin = join(root, 'node_modules', 'vite', 'bin', 'vite.js');
  const child = spawn(process.execPath, [viteBin, 'build', '--logLevel', 'warn'], {
    cwd: root,
    env: { ...process.env, NODE_ENV: 'production' },
    stdio: 'inherit',
  });
  const code = await new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (exitCode, signal) => resolve(exitCode ?? signal));
  });
  if (code !== 0) throw new Error(`vite build failed (${code})`);
  return true;
}
