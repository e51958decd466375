/** Rounds with audience voting, and the server's votes, for the audience tests. */

import type { LeitaiDB } from '../../../src/db/database';
import { ORGANIZER, roundScope } from '../../../src/db/entities';
import { appendLocalEvent, writeTransaction } from '../../../src/db/log';
import { voterIdOf } from '../../../src/domain/audience';
import type { LeitaiEvent } from '../../../src/domain/events';
import type { AudienceVoting, JudgeRecord, RoundRecord } from '../../../src/domain/records';

export const SUPPORT: AudienceVoting = {
  groupId: 'public',
  criterionId: 'vote',
  mode: 'support',
  windowSeconds: 30,
};

/**
 * The round as the organizer set it up: 专家评委 70 on its sheet, 大众评审 30 voting on a 支持
 * criterion (the round's judges still without their group).
 */
export async function giveAudience(
  db: LeitaiDB,
  round: RoundRecord,
  audience: AudienceVoting = SUPPORT,
): Promise<RoundRecord> {
  const withAudience: RoundRecord = {
    ...round,
    criteria: [
      ...round.criteria,
      { id: audience.criterionId, label: '大众投票', max: 100, points: 100, step: 100 },
    ],
    settings: {
      ...round.settings,
      groups: [
        {
          id: 'experts',
          label: '专家评委',
          weight: 7000,
          criteria: round.criteria.map((criterion) => criterion.id),
          panel: null,
          minJudges: null,
        },
        {
          id: audience.groupId,
          label: '大众评审',
          weight: 3000,
          criteria: [audience.criterionId],
          panel: null,
          minJudges: null,
        },
      ],
    },
    audience,
  };
  await writeTransaction(db, async () => {
    const head = await db.entityHeads.get(['rounds', round.id]);
    await appendLocalEvent(db, {
      type: 'entity.put',
      author: ORGANIZER,
      ...roundScope(round),
      payload: {
        table: 'rounds',
        entity: withAudience,
        revision: (head?.head.revision ?? 0) + 1,
        fields: ['criteria', 'settings', 'audience'],
      },
    });
  });
  return withAudience;
}

let serverSeq = 0;

/** A vote as the venue server writes it. */
export function serverVote(
  round: RoundRecord,
  windowId: string,
  contestantId: string,
  voter: number,
  value: number,
  n: number,
): LeitaiEvent<'audience.vote'> {
  serverSeq += 1;
  return {
    id: `vote-${serverSeq}`,
    deviceId: 'venue-server',
    deviceSeq: serverSeq,
    author: { role: 'server' },
    competitionId: round.competitionId,
    roundId: round.id,
    recordedAt: new Date().toISOString(),
    type: 'audience.vote',
    payload: { windowId, contestantId, voterId: voterIdOf(voter), value, n, atMs: n * 10 },
  };
}

/** The round's judges as the organizer puts them in the 专家评委 group of `giveAudience`. */
export async function groupJudges(
  db: LeitaiDB,
  judges: readonly JudgeRecord[],
  group = 'experts',
): Promise<void> {
  await writeTransaction(db, async () => {
    for (const judge of judges) {
      const head = await db.entityHeads.get(['judges', judge.id]);
      await appendLocalEvent(db, {
        type: 'entity.put',
        author: ORGANIZER,
        competitionId: judge.competitionId,
        roundId: null,
        payload: {
          table: 'judges',
          entity: { ...judge, group },
          revision: (head?.head.revision ?? 0) + 1,
          fields: ['group'],
        },
      });
    }
  });
}
