import { describe, expect, it } from 'vitest';
import {
  createCompetition,
  createRound,
  importRoster,
  putJudge,
  RepositoryError,
  updateRound,
} from '../../../src/db/repository';
import type { RaterGroup, RoundSettings } from '../../../src/domain/model';
import { DEFAULT_SETTINGS } from '../../../src/domain/model';
import type { AudienceVoting } from '../../../src/domain/records';
import { freshDb, refusal, SECRETARY_SHEET } from './helpers';

const SHEET = [...SECRETARY_SHEET, { id: 'vote', label: '大众投票', max: 100, step: 100 }];
const EXPERTS: RaterGroup = {
  id: 'expert',
  label: '专家评委',
  weight: 7000,
  criteria: ['content', 'presence', 'language', 'ppt', 'overall'],
  panel: null,
  minJudges: null,
};
const PUBLIC: RaterGroup = {
  id: 'public',
  label: '大众评审',
  weight: 3000,
  criteria: ['vote'],
  panel: { kind: 'mean' },
  minJudges: 1,
};
const GROUPED: RoundSettings = { ...DEFAULT_SETTINGS, groups: [EXPERTS, PUBLIC] };
const VOTING: AudienceVoting = { groupId: 'public', criterionId: 'vote', mode: 'support', windowSeconds: 60 };

async function competition() {
  const db = freshDb();
  const { id } = await createCompetition(db, { name: '擂台比武' });
  return { db, competitionId: id };
}

describe('a round’s audience voting, as the repository keeps it', () => {
  it('is stored with the groups it counts for, and taken off with null', async () => {
    const { db, competitionId } = await competition();
    const round = await createRound(db, {
      competitionId,
      name: '决赛',
      criteria: SHEET,
      settings: GROUPED,
      audience: VOTING,
    });
    expect((await db.rounds.get(round.id))?.audience).toEqual(VOTING);

    await updateRound(db, round.id, { audience: { ...VOTING, windowSeconds: 90 } });
    expect((await db.rounds.get(round.id))?.audience?.windowSeconds).toBe(90);
    await updateRound(db, round.id, { name: '总决赛' });
    expect((await db.rounds.get(round.id))?.audience?.windowSeconds).toBe(90);
    await updateRound(db, round.id, { audience: null });
    expect((await db.rounds.get(round.id))?.audience).toBeUndefined();
  });

  it('is refused, and nothing written, when it does not stand on the round’s own group and criterion', async () => {
    const { db, competitionId } = await competition();
    const draft = { competitionId, name: '决赛', criteria: SHEET, settings: GROUPED };
    expect(
      await refusal(
        createRound(db, { ...draft, audience: { ...VOTING, groupId: 'crowd' } }),
        'invalid-field',
      ),
    ).toBe('大众投票计入的评委组“crowd”不在本轮的评委分组中');
    expect(
      await refusal(createRound(db, { ...draft, audience: { ...VOTING, mode: 'rating' } }), 'invalid-field'),
    ).toBe('大众投票的评分项应由评委组“大众评审”打分，且为 0 到 10 的整数分');
    expect(
      await refusal(
        createRound(db, { ...draft, audience: { ...VOTING, criterionId: 'content' } }),
        'invalid-field',
      ),
    ).toBe('大众投票的评分项应由评委组“大众评审”打分，且为 0 到 1 的整数分');
    const experts = { ...EXPERTS, criteria: [...(EXPERTS.criteria ?? []), 'vote'] };
    expect(
      await refusal(
        createRound(db, { ...draft, settings: { ...GROUPED, groups: [experts, PUBLIC] }, audience: VOTING }),
        'invalid-field',
      ),
    ).toBe('大众投票的评分项应由评委组“大众评审”打分，且为 0 到 1 的整数分');
    expect(
      await refusal(
        createRound(db, { ...draft, audience: { ...VOTING, windowSeconds: 0 } }),
        'invalid-field',
      ),
    ).toContain('大众投票的时长（秒）');
    expect(await db.rounds.count()).toBe(0);

    const round = await createRound(db, draft);
    expect(
      await refusal(
        updateRound(db, round.id, { audience: { ...VOTING, groupId: 'crowd' } }),
        'invalid-field',
      ),
    ).toContain('crowd');
    expect((await db.rounds.get(round.id))?.audience).toBeUndefined();
  });
});

describe('a judge’s 评委组, as the repository keeps it', () => {
  it('must be a group of one of the competition’s rounds; null takes the judge out of it', async () => {
    const { db, competitionId } = await competition();
    const round = await createRound(db, { competitionId, name: '决赛', criteria: SHEET, settings: GROUPED });
    const judge = await putJudge(db, { roundId: round.id, name: '王评委', group: 'expert' });
    expect(judge.group).toBe('expert');
    expect(
      await refusal(putJudge(db, { id: judge.id, roundId: round.id, group: 'crowd' }), 'invalid-field'),
    ).toBe('评委“王评委”的评委组“crowd”不是本赛事任何一轮的评委组');
    expect((await db.judges.get(judge.id))?.group).toBe('expert');
    await putJudge(db, { id: judge.id, roundId: round.id, group: null });
    expect((await db.judges.get(judge.id))?.group).toBeUndefined();
  });

  it('refuses an import with an unknown group whole, naming its row, and writes nothing', async () => {
    const { db, competitionId } = await competition();
    const round = await createRound(db, { competitionId, name: '决赛', criteria: SHEET, settings: GROUPED });
    const attempt = importRoster(db, round.id, {
      judges: [
        { name: '刘芳', group: 'expert' },
        { name: '王建国', group: 'crowd' },
      ],
    });
    await expect(attempt).rejects.toBeInstanceOf(RepositoryError);
    const error = await attempt.then(
      () => null,
      (caught: RepositoryError) => caught,
    );
    expect(error?.rows).toEqual([
      expect.objectContaining({
        list: 'judges',
        index: 1,
        field: 'group',
        reason: expect.objectContaining({ name: 'judgeGroupUnknown' }),
      }),
    ]);
    expect(await db.judges.count()).toBe(0);

    const { judges } = await importRoster(db, round.id, { judges: [{ name: '刘芳', group: 'public' }] });
    expect(judges[0]?.group).toBe('public');
  });
});
