import { RepositoryError } from '../../../db/repository';

/**
 * The message to show for a refused write: the repository's own (zh-CN, names what is wrong),
 * or, for anything unexpected, its text so nothing fails silently.
 */
export function refusalMessage(error: unknown): string {
  if (error instanceof RepositoryError) return error.message;
  return error instanceof Error ? error.message : String(error);
}
