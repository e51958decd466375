/**
 * The checks of the judge and contestant forms, run before the write so that each message
 * stands beside its field. The repository checks again (it is the rule); these are the same
 * limits, said where the organizer is typing.
 */
import { parseHundredths } from '../../../domain/decimal';
import type { Hundredths } from '../../../domain/model';
import { MAX_NAME_LENGTH } from '../../../domain/roster-import';
import type { MessageKey } from '../../i18n/messages';

export interface Problem {
  key: MessageKey;
  params?: Record<string, string | number>;
}

export const MAX_UNIT_LENGTH = 100;
export const MAX_TEXT_LENGTH = 200;
/** Photos are thumbnails and travel to every tablet: 2 MB is plenty for a portrait. */
const MAX_PHOTO_BYTES = 2 * 1024 * 1024;

export function checkName(text: string): Problem | null {
  const name = text.trim();
  if (name === '') return { key: 'people.error.nameRequired' };
  if ([...name].length > MAX_NAME_LENGTH)
    return { key: 'people.error.tooLong', params: { max: MAX_NAME_LENGTH } };
  return null;
}

export function checkLength(text: string, max: number): Problem | null {
  return text.trim().length > max ? { key: 'people.error.tooLong', params: { max } } : null;
}

export type WeightCheck = { ok: true; value: Hundredths } | { ok: false; problem: Problem };

/** A weight as typed: a number above 0 with at most two decimals ("2", "1.5"). */
export function checkWeight(text: string): WeightCheck {
  const parsed = parseHundredths(text.trim());
  if (parsed.ok && parsed.value > 0) return { ok: true, value: parsed.value };
  return { ok: false, problem: { key: 'people.error.weight', params: { value: text.trim() } } };
}

const megabytes = (bytes: number) => (bytes / (1024 * 1024)).toFixed(1);

export function checkPhoto(file: { type: string; size: number }): Problem | null {
  if (!file.type.startsWith('image/')) return { key: 'people.error.photoType' };
  if (file.size > MAX_PHOTO_BYTES) {
    return {
      key: 'people.error.photoSize',
      params: { size: megabytes(file.size), max: megabytes(MAX_PHOTO_BYTES).replace(/\.0$/, '') },
    };
  }
  return null;
}
