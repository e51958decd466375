/**
 * The checks of an entry typed by hand (an item, or a correction) before anything is written:
 * each problem named, in the screen's language. The repository checks the same rules again.
 */

import { parseHundredths } from '../../domain/decimal';
import type { Hundredths } from '../../domain/model';
import { isIsoDate } from '../../domain/season';
import type { TFunction } from '../i18n/useT';

export interface EntryText {
  date: string;
  points: string;
  reason: string;
  photo: File | null;
}

export interface CheckedEntry {
  date: string;
  points: Hundredths;
  reason: string;
  photo: { blob: Blob; fileName: string } | null;
}

export function checkEntryText(
  text: EntryText,
  t: TFunction,
): { ok: true; entry: CheckedEntry } | { ok: false; problems: string[] } {
  const problems: string[] = [];
  if (!isIsoDate(text.date.trim())) problems.push(t('season.form.dateInvalid', { value: text.date.trim() }));
  const points = parseHundredths(text.points);
  if (!points.ok) problems.push(t('season.form.pointsInvalid', { value: text.points.trim() }));
  if (text.reason.trim() === '') problems.push(t('season.form.reasonRequired'));
  if (text.photo && !text.photo.type.startsWith('image/'))
    problems.push(t('season.form.photoNotImage', { file: text.photo.name }));
  if (problems.length > 0 || !points.ok) return { ok: false, problems };
  return {
    ok: true,
    entry: {
      date: text.date.trim(),
      points: points.value,
      reason: text.reason.trim(),
      photo: text.photo && { blob: text.photo, fileName: text.photo.name },
    },
  };
}
