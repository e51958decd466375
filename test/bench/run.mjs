#!/usr/bin/env node
// `npm run bench`: runs every test/bench/*.bench.ts, one after the other, each as a standalone
// script (node --import tsx FILE), its output passed straight through. A bench prints figures and
// decides nothing; this runner fails only when a bench crashes.
//   npm run bench                  every bench
//   npm run bench -- engine        only the benches whose file name contains "engine"
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const benchDir = join(root, 'test', 'bench');
const filters = process.argv.slice(2);
const files = readdirSync(benchDir)
  .filter((name) => name.endsWith('.bench.ts'))
  .filter((name) => filters.length === 0 || filters.some((filter) => name.includes(filter)))
  .sort()
  .map((name) => join(benchDir, name));

if (files.length === 0) {
  console.error(`no bench in ${relative(root, benchDir)} matches ${filters.join(' ') || '*.bench.ts'}`);
  process.exit(1);
}

const failed = [];
for (const file of files) {
  const name = relative(root, file);
  console.log(`\n=== ${name} ===\n`);
  const started = Date.now();
  const run = spawnSync(process.execPath, ['--import', 'tsx', file], { cwd: root, stdio: 'inherit' });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (run.status !== 0) {
    failed.push(name);
    console.error(`\n${name} failed (${run.signal ?? `exit status ${run.status}`}) after ${seconds} s`);
  } else {
    console.log(`\n(${name}: ${seconds} s)`);
  }
}
if (failed.length > 0) {
  console.error(`\n${failed.length} of ${files.length} benches failed: ${failed.join(', ')}`);
  process.exit(1);
}
