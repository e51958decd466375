// @vitest-environment node
// Judges belong to the competition (issue 12, finding 11). A preliminary and a final made
// 与上一轮相同: the judge's tablet joins the venue server once, and the server admits that
// judge's marks in both rounds, which then count in both rounds' standings. A round the judge
// is not assigned to is still refused.
import { describe, expect, it } from 'vitest';
import type { LeitaiDB } from '../../../src/db/database';
import { enterMark, submitSheet } from '../../../src/db/marks';
import { loadRoundInput } from '../../../src/db/read';
import { createRound, importRoster } from '../../../src/db/repository';
import { computeStandings } from '../../../src/domain/engine';
import type { Id } from '../../../src/domain/model';
import { pullEvents, pushOutbox } from '../../../src/sync/client';
import { claimServer, joinWithJudgeCode } from '../../../src/sync/session';
import { SECRETARY_SHEET, seedRound } from '../db/helpers';
import { CLAIM_CODE, PASSWORD, testServer } from '../server/helpers';
import { deviceDb, pushAndPull } from './helpers';
import { MemoryNetwork } from './memory-network';

const MARKS: Record<string, number> = {
  content: 3600,
  presence: 1300,
  language: 1700,
  ppt: 1200,
  overall: 900,
};

async function scoreSheet(db: LeitaiDB, sheet: { roundId: Id; judgeId: Id; contestantId: Id }) {
  for (const [criterionId, value] of Object.entries(MARKS))
    await enterMark(db, { ...sheet, criterionId, value });
  await submitSheet(db, sheet);
}

describe('a judge of the competition at the venue server', () => {
  it('joins once and has marks admitted and counted in both rounds', async () => {
    const { core } = testServer();
    const network = new MemoryNetwork(core);
    const laptopDb = deviceDb();
    const laptopTransport = network.transport('organizer');
    const laptopSession = await claimServer(laptopDb, laptopTransport, CLAIM_CODE, PASSWORD);
    const laptop = { name: 'organizer', db: laptopDb, transport: laptopTransport, session: laptopSession };
    const { round: preliminary, judges, contestants } = await seedRound(laptopDb);
    const final = await createRound(laptopDb, {
      competitionId: preliminary.competitionId,
      name: '总决赛',
      criteria: SECRETARY_SHEET,
      panelFrom: preliminary.id,
    });
    const { contestants: finalists } = await importRoster(laptopDb, final.id, {
      contestants: [{ name: '李四', unit: '榆树沟镇', topic: '乡村振兴' }],
    });
    const [finalist] = finalists;
    if (!finalist) throw new Error('a finalist expected');
    await pushAndPull(laptop);
    expect(await laptopDb.refused.count()).toBe(0);

    // 王评委's tablet joins once, with the one code of the day.
    const [wang] = judges;
    const tabletDb = deviceDb();
    const tabletTransport = network.transport('judge-wang');
    const session = await joinWithJudgeCode(tabletDb, tabletTransport, wang.joinCode);
    await pullEvents(tabletDb, tabletTransport, session);
    expect((await tabletDb.judges.get(wang.id))?.roundIds.sort()).toEqual([preliminary.id, final.id].sort());

    const lisi = contestants[1];
    await scoreSheet(tabletDb, { roundId: preliminary.id, judgeId: wang.id, contestantId: lisi.id });
    await scoreSheet(tabletDb, { roundId: final.id, judgeId: wang.id, contestantId: finalist.id });
    await pushOutbox(tabletDb, tabletTransport, session.token);
    expect(await tabletDb.refused.toArray()).toEqual([]);
    expect(await tabletDb.outbox.count()).toBe(0);

    // The organizer's laptop counts them in both rounds' standings.
    await pullEvents(laptopDb, laptopTransport, laptopSession);
    for (const [roundId, contestantId] of [
      [preliminary.id, lisi.id],
      [final.id, finalist.id],
    ] as const) {
      const result = computeStandings(await loadRoundInput(laptopDb, roundId));
      const scored = [...result.ranked, ...result.pending].find((each) => each.id === contestantId);
      expect(
        scored?.judgeTotals.map((total) => total.judge),
        roundId,
      ).toEqual([wang.id]);
    }
  });
});
