/**
 * A judge's join code (评委码): the digits a judge types to claim a tablet. Eight digits, so
 * that guessing through the venue server's limit on failed joins takes longer than a
 * competition lasts; six-digit codes from before are no longer accepted anywhere.
 */

export const JOIN_CODE_LENGTH = 8;

const JOIN_CODE = new RegExp(`^\\d{${JOIN_CODE_LENGTH}}$`);

export function isJoinCode(text: string): boolean {
  return JOIN_CODE.test(text);
}

/**
 * A code that was given out but can no longer be used: a six-digit code from before. An empty
 * code is not one: it is a code this device is not shown (the venue server gives judges' codes
 * to the organizer's device only).
 */
export function isOutdatedJoinCode(code: string): boolean {
  return code !== '' && !isJoinCode(code);
}

/**
 * "1234 5678": two groups of four, to read aloud and to copy from a card without slipping.
 * Anything else (an outdated code) is shown as it is.
 */
export function groupJoinCode(code: string): string {
  const half = JOIN_CODE_LENGTH / 2;
  return isJoinCode(code) ? `${code.slice(0, half)} ${code.slice(half)}` : code;
}
