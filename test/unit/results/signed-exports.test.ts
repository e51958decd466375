// @vitest-environment node
/**
 * Exports and prints with signed sheets: the summary says, per contestant, how many sheets are
 * validly signed and by which keys; a round without any signing key has the columns it always had.
 */
import { describe, expect, it } from 'vitest';
import { translate } from '../../../src/app/i18n/messages';
import { loadRoundReport } from '../../../src/app/results/report';
import { summaryTable } from '../../../src/app/results/sheets';
import { enterMark, submitSheet } from '../../../src/db/marks';
import { submitSignedSheet } from '../../../src/db/signed-submit';
import { renewSigningKey } from '../../../src/db/signing-keys';
import { freshDb, SECRETARY_SHEET, seedRound } from '../db/helpers';

const t = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) =>
  translate('zh-CN', key, params);

async function markedRound(signed: boolean) {
  const db = freshDb();
  const seeded = await seedRound(db);
  const fingerprints: string[] = [];
  for (const judge of seeded.judges) {
    if (signed) fingerprints.push((await renewSigningKey(db, judge.id, crypto.subtle)).fingerprint);
    const sheet = { roundId: seeded.round.id, judgeId: judge.id, contestantId: seeded.contestants[1].id };
    for (const criterion of SECRETARY_SHEET)
      await enterMark(db, { ...sheet, criterionId: criterion.id, value: 900 });
    // 赵评委's sheet goes unsigned: a tablet that could not sign.
    if (signed && judge !== seeded.judges[2]) await submitSignedSheet(db, sheet, crypto.subtle);
    else await submitSheet(db, sheet);
  }
  return { db, seeded, fingerprints };
}

describe('the summary with signed sheets', () => {
  it('shows each contestant’s signed sheets and the keys that signed them', async () => {
    const { db, seeded, fingerprints } = await markedRound(true);
    const table = summaryTable(await loadRoundReport(db, seeded.round.id), t);
    expect(table.header).toContain('评委签名');
    expect(table.header).toContain('签名密钥指纹');
    const row = table.rows.find((cells) => cells.includes('李四')) as string[];
    expect(row[table.keys.indexOf('signed')]).toBe('2/3');
    expect(row[table.keys.indexOf('keys')]?.split(' ').sort()).toEqual(fingerprints.slice(0, 2).sort());
  });

  it('keeps the columns it always had when no judge signs', async () => {
    const { db, seeded } = await markedRound(false);
    const table = summaryTable(await loadRoundReport(db, seeded.round.id), t);
    expect(table.keys).not.toContain('signed');
    expect(table.keys).not.toContain('keys');
  });
});
