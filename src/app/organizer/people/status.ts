import type { ContestantStatus } from '../../../domain/model';
import type { MessageKey } from '../../i18n/messages';

/** The words of the venue for a contestant's status, in the order the form offers them. */
export const STATUS_LABELS: Record<ContestantStatus, MessageKey> = {
  active: 'people.status.active',
  withdrawn: 'people.status.withdrawn',
  disqualified: 'people.status.disqualified',
};
