/** What a season operation refused, in the words the screens and `leitai season` show. */
import { describeSeasonIssue, SeasonRejectedError } from '../../../src/domain/season-issues.ts';

/** The refusal's issues described; fails when the change is not refused or throws anything else. */
export function refusalOf(change: () => unknown): string[] {
  try {
    change();
  } catch (error) {
    if (error instanceof SeasonRejectedError) return error.issues.map((found) => describeSeasonIssue(found));
    throw error;
  }
  throw new Error('not refused');
}
