/**
 * Competition backups for the season's tests, written as a device writes them: the events of a
 * competition (setup, one judge's marks, and `round.close` for a closed round) on one device,
 * chained, with the results recorded at export, so that each backup verifies as `leitai verify`
 * checks it. Everything is derived from the description: the same description, the same bytes.
 */
import { type BackupFile, makeBackup, summarize } from '../../../src/domain/backup.ts';
import { resultOfRound } from '../../../src/domain/backup-verify.ts';
import type { EventDraft, LeitaiEvent } from '../../../src/domain/events.ts';
import { foldEvents } from '../../../src/domain/events.ts';
import { DEFAULT_SETTINGS } from '../../../src/domain/model.ts';
import { byOrderThenId } from '../../../src/domain/order.ts';
import type { ContestantRecord, JudgeRecord, RoundRecord } from '../../../src/domain/records.ts';
import { sha256Hex } from '../../../src/domain/sha256.ts';

export interface RoundDescription {
  id: string;
  name: string;
  /** 结束本轮: the organizer closed it; otherwise it stays provisional (nothing revealed). */
  closed: boolean;
  /** Each contestant with the one judge's mark out of 100 (null: not marked yet). */
  contestants: { id: string; name: string; unit: string | null; mark: string | null; status?: 'withdrawn' }[];
  awards?: RoundRecord['settings']['awards'];
}

export interface CompetitionDescription {
  id: string;
  name: string;
  /** YYYY-MM-DD; absent for a competition without a date. */
  date?: string;
  rounds: RoundDescription[];
}

const hundredths = (mark: string) => Math.round(Number(mark) * 100);

export function competitionBackup(description: CompetitionDescription): BackupFile {
  const competitionId = description.id;
  const deviceId = `laptop-${competitionId}`;
  const judgeId = `judge-${competitionId}`;
  const organizer = { role: 'organizer' } as const;
  const drafts: EventDraft[] = [
    {
      type: 'entity.put',
      author: organizer,
      competitionId,
      roundId: null,
      payload: {
        table: 'competitions',
        entity: {
          id: competitionId,
          name: description.name,
          archived: false,
          ...(description.date ? { date: description.date } : {}),
        },
        revision: 1,
      },
    },
  ];
  description.rounds.forEach((round, at) => {
    const record: RoundRecord = {
      id: round.id,
      competitionId,
      name: round.name,
      order: at + 1,
      criteria: [{ id: 'total', label: '总分', max: 10000, points: 10000, step: 10 }],
      settings: { ...DEFAULT_SETTINGS, panel: { kind: 'mean' }, awards: round.awards ?? [] },
      timeLimitSeconds: null,
      overtime: null,
    };
    drafts.push({
      type: 'entity.put',
      author: organizer,
      competitionId,
      roundId: round.id,
      payload: { table: 'rounds', entity: record, revision: 1 },
    });
  });
  const judge: JudgeRecord = {
    id: judgeId,
    competitionId,
    roundIds: description.rounds.map((round) => round.id),
    name: '王评委',
    title: '',
    weight: 100,
    unit: null,
    joinCode: '',
    order: 1,
  };
  drafts.push({
    type: 'entity.put',
    author: organizer,
    competitionId,
    roundId: null,
    payload: { table: 'judges', entity: judge, revision: 1 },
  });
  for (const round of description.rounds) {
    round.contestants.forEach((contestant, at) => {
      const record: ContestantRecord = {
        id: contestant.id,
        roundId: round.id,
        name: contestant.name,
        unit: contestant.unit,
        topic: '',
        photoId: null,
        status: contestant.status ?? 'active',
        draw: at + 1,
        order: at + 1,
      };
      drafts.push({
        type: 'entity.put',
        author: organizer,
        competitionId,
        roundId: round.id,
        payload: { table: 'contestants', entity: record, revision: 1 },
      });
    });
    for (const contestant of round.contestants) {
      if (contestant.mark === null) continue;
      drafts.push({
        type: 'mark.set',
        author: { role: 'judge', judgeId },
        competitionId,
        roundId: round.id,
        payload: {
          judgeId,
          contestantId: contestant.id,
          criterionId: 'total',
          value: hundredths(contestant.mark),
          revision: 1,
        },
      });
    }
    if (round.closed) {
      drafts.push({
        type: 'round.close',
        author: organizer,
        competitionId,
        roundId: round.id,
        payload: { revision: 1 },
      });
    }
  }
  const events = drafts.map(
    (draft, at) =>
      ({
        ...draft,
        id: sha256Hex(`${competitionId}\n${at}`).slice(0, 32),
        deviceId,
        deviceSeq: at + 1,
        recordedAt: '2026-11-05T08:00:00.000Z',
      }) as LeitaiEvent,
  );
  return backupOfEvents(events, competitionId);
}

/** The backup a device exports holding these events of the competition, results recorded. */
export function backupOfEvents(events: readonly LeitaiEvent[], competitionId: string): BackupFile {
  const projection = foldEvents(events);
  const { entities } = projection;
  const competition = entities.competitions[competitionId];
  if (!competition) throw new Error('the competition is in its events');
  const rounds = Object.values(entities.rounds).sort(byOrderThenId);
  return makeBackup({
    exportedAt: '2026-11-05T20:00:00.000Z',
    competition: summarize(
      competition,
      rounds,
      Object.values(entities.judges),
      Object.values(entities.contestants),
    ),
    events,
    unlisted: [],
    results: rounds.map((round) => resultOfRound(projection, round)),
  });
}

/** Two competitions a season is built from: 十一月擂台比武 and 十一月演讲比赛, on two laptops. */
export const NOVEMBER_CONTEST: CompetitionDescription = {
  id: 'c-contest',
  name: '十一月擂台比武',
  date: '2026-11-05',
  rounds: [
    {
      id: 'r-final',
      name: '决赛',
      closed: true,
      contestants: [
        { id: 'a1', name: '张三', unit: '三工镇', mark: '91.5' },
        { id: 'a2', name: '李四', unit: '榆树沟镇', mark: '88' },
        { id: 'a3', name: '王五', unit: '佃坝镇', mark: '88' },
        { id: 'a4', name: '赵六', unit: '大西渠镇', mark: '75', status: 'withdrawn' },
      ],
    },
    {
      id: 'r-extra',
      name: '加赛',
      closed: false,
      contestants: [{ id: 'x1', name: '张三', unit: '三工镇', mark: '99' }],
    },
  ],
};

export const NOVEMBER_SPEECH: CompetitionDescription = {
  id: 'c-speech',
  name: '十一月演讲比赛',
  date: '2026-11-20',
  rounds: [
    {
      id: 'r-speech',
      name: '演讲',
      closed: true,
      contestants: [
        { id: 'b1', name: '王五', unit: '佃坝镇', mark: '93' },
        { id: 'b2', name: '张三', unit: '三工镇 ', mark: '90' },
        { id: 'b3', name: '钱七', unit: '二六工镇', mark: '80' },
      ],
    },
  ],
};
