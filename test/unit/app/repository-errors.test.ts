// @vitest-environment node
// The repository's refusals, driven through a real database, as the screens put them into words:
// in English with no Chinese left, in Chinese as the organizer reads them.
import { describe, expect, it } from 'vitest';
import { describeError, describeReason, loadErrorTexts } from '../../../src/app/i18n/error-text';
import { startRehearsal } from '../../../src/db/rehearsal';
import {
  advanceContestants,
  createCompetition,
  createRound,
  editCompetition,
  importRoster,
  RepositoryError,
  reorderManually,
  revealContestant,
} from '../../../src/db/repository';
import { freshDb } from '../db/helpers';

const CJK = /[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/;

async function refused(write: Promise<unknown>): Promise<RepositoryError> {
  try {
    await write;
  } catch (error) {
    if (error instanceof RepositoryError) return error;
    throw error;
  }
  throw new Error('expected the write to be refused');
}

/** A competition whose every name is ASCII, so that any Chinese in an English text is ours. */
async function seeded() {
  const db = freshDb();
  const competition = await createCompetition(db, { name: 'Spring Cup' });
  const round = await createRound(db, {
    competitionId: competition.id,
    name: 'Final',
    criteria: [
      { label: 'Content', max: 6000 },
      { label: 'Delivery', max: 4000 },
    ],
  });
  const { contestants } = await importRoster(db, round.id, {
    judges: [{ name: 'Judge Ann' }, { name: 'Judge Bo' }, { name: 'Judge Cy' }],
    contestants: [
      { name: 'Dee', unit: 'North' },
      { name: 'Eli', unit: 'South' },
    ],
  });
  return { db, competition, round, contestants };
}

describe('the repository’s refusals in words', () => {
  it('are said in English with no Chinese, and in Chinese, for refusals of every kind', async () => {
    await loadErrorTexts();
    const { db, competition, round, contestants } = await seeded();
    const empty = await createRound(db, {
      competitionId: competition.id,
      name: 'Empty',
      criteria: [{ label: 'A', max: 100 }],
    });
    const [dee, eli] = contestants as [(typeof contestants)[0], (typeof contestants)[0]];
    const refusals = await Promise.all([
      refused(createCompetition(db, { name: '  ' })),
      refused(editCompetition(db, competition.id, { name: 'Spring Cup', date: '2026-13-45' })),
      refused(
        createRound(db, {
          competitionId: competition.id,
          name: 'Semi',
          criteria: [{ label: 'Odd', max: 1050, step: 100 }],
        }),
      ),
      refused(createRound(db, { competitionId: competition.id, name: 'Semi', criteria: [] })),
      refused(
        importRoster(db, round.id, { contestants: [{ name: '' }, { name: 'Fay', unit: 'x'.repeat(101) }] }),
      ),
      refused(reorderManually(db, round.id, [dee.id, dee.id])),
      refused(reorderManually(db, round.id, [dee.id])),
      refused(
        advanceContestants(db, { fromRoundId: round.id, toRoundId: round.id, contestantIds: [dee.id] }),
      ),
      refused(startRehearsal(db, empty.id)),
      refused(revealContestant(db, { roundId: round.id, contestantId: eli.id })),
    ]);
    expect(refusals.map((error) => typeof error.reason === 'string' || error.reason.name)).toEqual([
      'textRequired',
      'dateInvalid',
      'maxNotMultipleOfStep',
      'noCriteria',
      'importRefused',
      'drawTwice',
      'drawMissing',
      'advanceToSameRound',
      'rehearsalNoContestants',
      'sheetsMissing',
    ]);
    for (const error of refusals) {
      const en = describeError(error, 'en');
      const zh = describeError(error, 'zh-CN');
      expect(en, en).not.toMatch(CJK);
      // A text, not the developer's fallback of the reason's name.
      expect(en).not.toContain(JSON.stringify(error.reason));
      expect(zh, zh).toMatch(CJK);
    }
    const badRows = refusals[4]?.rows ?? [];
    expect(badRows.map((row) => describeReason(row.reason, 'en'))).toEqual([
      'The contestant’s name must not be empty',
      'The unit of contestant “Fay” must be at most 100 characters',
    ]);
    expect(describeError(refusals[6], 'en')).toBe('The order of appearance leaves out: Eli');
    expect(describeError(refusals[9], 'zh-CN')).toBe(
      '还有评委未提交或未评完对选手“Eli”的评分：Judge Ann、Judge Bo、Judge Cy；如仍要公布，请填写理由',
    );
  });

  it('says what is not a refusal as its own message', () => {
    expect(describeError(new Error('disk full'), 'en')).toBe('disk full');
    expect(describeError('odd', 'zh-CN')).toBe('odd');
  });
});
