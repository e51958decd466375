/**
 * What can be wrong with a round, named precisely. The strict engine (the CLI, the interchange
 * format) refuses a round that has any of these, whole: nothing is half-computed. A live device
 * refuses only the round's own problems whole and sets aside a refused mark's sheet on its own
 * (./live-standings.ts). Each issue carries the entries it is about (judge, contestant,
 * criterion, value); ./issue-texts.ts puts it into words, in Chinese (default) or English, for
 * the CLI, the import screens and the stage.
 */

import type { IssueCode, Language } from './issue-texts.ts';

export type { IssueCode, Language };

export interface Issue {
  code: IssueCode;
  /** Where in the round: "scores[12]", "criteria[0].step", "settings.decimals". */
  path: string;
  /** The entries the issue is about, already readable: "评委3 (J3)", "87.5". */
  params: Record<string, string | number>;
}

export function issue(code: IssueCode, path: string, params: Record<string, string | number> = {}): Issue {
  return { code, path, params };
}

/** Thrown when a round breaks a rule: it carries every issue found, not just the first. */
export class RoundRejectedError extends Error {
  constructor(readonly issues: readonly Issue[]) {
    // Not in words: the words are ./issue-texts.ts (describeIssue), which a screen loads only
    // when it shows them; every page that checks a round would otherwise carry them.
    super(issues.map((found) => `${found.path}: ${found.code} ${JSON.stringify(found.params)}`).join('\n'));
    this.name = 'RoundRejectedError';
  }
}
