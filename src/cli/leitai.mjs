#!/usr/bin/env node
// The `leitai` command (package.json "bin"). The CLI is TypeScript (./main.ts, sharing the
// engine in src/domain); tsx's ESM loader, registered here, lets Node load it directly.
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

// The project's own tsconfig, whatever directory the command is run from.
// `leitai hub …` is the county hub's command (src/hub/start.mjs), with the rest of the arguments.
if (process.argv[2] === 'hub') {
  process.argv.splice(2, 1);
  await import('../hub/start.mjs');
} else {
  register({ tsconfig: fileURLToPath(new URL('../../tsconfig.json', import.meta.url)) });
  const { runNodeCli } = await import('./main.ts');
  await runNodeCli();
}
