/** Rounds with audience voting, and the server's votes, for the audience tests. */

import type { LeitaiDB } from '../../../src/db/database';
import { applyRemoteEvents } from '../../../src/db/repository';
import { voterIdOf } from '../../../src/domain/audience';
import type { LeitaiEvent } from '../../../src/domain/events';
import type { AudienceVoting, RoundRecord } from '../../../src/domain/records';

export const SUPPORT: AudienceVoting = {
  groupId: 'public',
  criterionId: 'vote',
  mode: 'support',
  windowSeconds: 30,
};

/** The round as another organizer device set it up: audience voting on a 支持 criterion. */
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
    audience,
  };
  await applyRemoteEvents(db, [
    {
      id: `setup-${round.id}`,
      deviceId: 'organizer-laptop',
      deviceSeq: 1,
      author: { role: 'organizer' },
      competitionId: round.competitionId,
      roundId: round.id,
      recordedAt: new Date().toISOString(),
      type: 'entity.put',
      payload: { table: 'rounds', entity: withAudience, revision: 1000, fields: ['criteria', 'audience'] },
    },
  ]);
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
