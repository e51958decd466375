/**
 * Awaited conditions for the e2e tests: a test waits until something holds, never for a time.
 * The poll below is the one place an e2e test pauses (test/unit/test-hygiene.test.ts lists it);
 * the deadline only ends a wait that would fail anyway, so it is generous for a loaded machine.
 */

export interface UntilOptions {
  timeoutMs?: number;
  pollMs?: number;
}

/**
 * Resolves once `condition` holds, checking it every `pollMs`; after `timeoutMs` it fails with
 * `what` (a function is asked only then, for a message that says where things stood).
 */
export async function until(
  condition: () => boolean | Promise<boolean>,
  what: string | (() => string),
  { timeoutMs = 30_000, pollMs = 25 }: UntilOptions = {},
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) {
      throw new Error(
        `timed out after ${timeoutMs} ms waiting for ${typeof what === 'string' ? what : what()}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}
