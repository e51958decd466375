/** Venues' laptops with a scored round, whose events the hub's tests push as a venue's relay would. */

import { enterMark, submitSheet } from '../../../src/db/marks';
import { revealContestant } from '../../../src/db/reveal';
import { callContestant } from '../../../src/db/stage';
import { freshDb, SECRETARY_SHEET, seedRound } from '../db/helpers';

/** A venue's laptop after a scored round: every owed sheet but one submitted, one contestant on stage and revealed. */
export async function scoredVenue() {
  const laptop = freshDb();
  const seeded = await seedRound(laptop);
  const roundId = seeded.round.id;
  for (const [j, judge] of seeded.judges.entries()) {
    for (const [c, contestant] of seeded.contestants.entries()) {
      // 赵评委 is recused from 张三 (the same unit); she has not marked 王五 yet: 评分中.
      if (j === 2 && (c === 0 || c === 2)) continue;
      for (const [k, criterion] of SECRETARY_SHEET.entries()) {
        const value = criterion.max - ((j * 3 + c * 7 + k) % 6) * 100;
        await enterMark(laptop, {
          roundId,
          judgeId: judge.id,
          contestantId: contestant.id,
          criterionId: criterion.id,
          value,
        });
      }
      await submitSheet(laptop, { roundId, judgeId: judge.id, contestantId: contestant.id });
    }
  }
  const first = seeded.contestants[0];
  await callContestant(laptop, { roundId, contestantId: first.id });
  await revealContestant(laptop, { roundId, contestantId: first.id });
  return { laptop, seeded, roundId };
}
