/** The CLI's io for an in-process run: what the command writes is kept, files come from readBytes. */
import type { CliIo } from '../../../src/cli/io.ts';

export function recordingIo(readBytes: CliIo['readBytes']): {
  io: CliIo;
  out: { stdout: string; stderr: string };
} {
  const out = { stdout: '', stderr: '' };
  const io: CliIo = {
    stdout: (text) => {
      out.stdout += text;
    },
    stderr: (text) => {
      out.stderr += text;
    },
    readBytes,
  };
  return { io, out };
}
