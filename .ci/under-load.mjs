#!/usr/bin/env node
// Runs a command while busy threads load every core, so that CI sees the tests as a loaded
// machine runs them (a venue laptop doing other work, a shared CI runner): a test that only
// passes on an idle machine is waiting for a time, not for a condition, and fails here.
//
//   node .ci/under-load.mjs [--threads N] -- COMMAND [ARGS...]
//
// N busy threads (default: one per core) spin until the command ends; the command's exit code is
// this script's, and its last line says how long the command took under how much load.
import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';

function parse(argv) {
  const separator = argv.indexOf('--');
  if (separator === -1 || separator === argv.length - 1) {
    throw new Error('usage: node .ci/under-load.mjs [--threads N] -- COMMAND [ARGS...]');
  }
  const options = argv.slice(0, separator);
  let threads = availableParallelism();
  for (let index = 0; index < options.length; index++) {
    if (options[index] === '--threads') threads = Number(options[++index]);
    else throw new Error(`unknown option ${options[index]}`);
  }
  if (!Number.isInteger(threads) || threads < 1) throw new Error('--threads takes a whole number ≥ 1');
  return { threads, command: argv.slice(separator + 1) };
}

let parsed;
try {
  parsed = parse(process.argv.slice(2));
} catch (error) {
  console.error(`under-load: ${error.message}`);
  process.exit(2);
}
const { threads, command } = parsed;
// Each thread spins on arithmetic: all CPU, no memory, no I/O. Terminating a worker stops it
// even inside the loop.
const load = Array.from(
  { length: threads },
  () => new Worker('let x = 0; for (;;) x = (x + 1) % 1e9;', { eval: true }),
);
const started = performance.now();
// The command gets a process group of its own, so that a stop reaches what it started too
// (npx starts vitest, which starts its workers), not only the command itself.
const child = spawn(command[0], command.slice(1), { stdio: 'inherit', detached: true });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.kill(-child.pid, signal));

child.on('error', (error) => {
  console.error(`under-load: could not run ${command[0]}: ${error.message}`);
  process.exitCode = 127;
  for (const worker of load) worker.terminate();
});
child.on('exit', async (code, signal) => {
  await Promise.all(load.map((worker) => worker.terminate()));
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const how = signal ? `killed by ${signal}` : `exit ${code}`;
  console.log(
    `under-load: ${command.join(' ')}: ${how} after ${seconds} s, ${threads} busy thread${threads === 1 ? '' : 's'}`,
  );
  process.exitCode = code ?? 1;
});
