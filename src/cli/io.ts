/**
 * What a command may do to the outside world. `main` and the commands it runs are given one, so
 * they do no I/O of their own and can be tested in-process; runNodeCli (./main.ts) passes the
 * real process.
 */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** The bytes of a file, or of standard input for "-"; throws Node's error (code ENOENT, …). */
  readBytes(file: string): Uint8Array;
}
