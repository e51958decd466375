/**
 * What this device offers the season: the rounds of its competitions that can be posted, and its
 * contestants who are not members yet (the season's entry and member screens read them).
 */

import type { Id } from '../../domain/model';
import { byOrderThenId, compareIds } from '../../domain/order';
import { personKey } from '../../domain/person-key';
import { roundResultStatusOf } from '../../domain/provisional';
import { isRehearsalRound } from '../../domain/purge';
import type { LeitaiDB } from '../database';

export interface PostableRound {
  competitionId: Id;
  competitionName: string;
  competitionDate: string | null;
  roundId: Id;
  roundName: string;
  /** Closed (结束本轮) or every contestant revealed: its results can be posted. */
  final: boolean;
  /** Entries of the season already cite it. */
  posted: boolean;
}

/** The real rounds of this device's competitions, newest competition first, with what can be posted. */
export function postableRounds(db: LeitaiDB, seasonId: Id): Promise<PostableRound[]> {
  return db.transaction(
    'r',
    [db.competitions, db.rounds, db.contestants, db.events, db.seasonEntries],
    async () => {
      const postedRounds = new Set<Id>();
      await db.seasonEntries
        .where('seasonId')
        .equals(seasonId)
        .each((entry) => {
          if (entry.source.kind === 'competition') postedRounds.add(entry.source.roundId);
        });
      const competitions = (await db.competitions.toArray())
        .filter((competition) => !competition.archived)
        .sort((a, b) => compareIds(b.date ?? '', a.date ?? '') || compareIds(a.id, b.id));
      const rounds: PostableRound[] = [];
      for (const competition of competitions) {
        const own = (await db.rounds.where('competitionId').equals(competition.id).toArray())
          .filter((round) => !isRehearsalRound(round))
          .sort(byOrderThenId);
        for (const round of own) {
          const contestants = await db.contestants.where('roundId').equals(round.id).toArray();
          const events = await db.events.where('roundId').equals(round.id).toArray();
          rounds.push({
            competitionId: competition.id,
            competitionName: competition.name,
            competitionDate: competition.date ?? null,
            roundId: round.id,
            roundName: round.name,
            final: roundResultStatusOf(contestants, events).final,
            posted: postedRounds.has(round.id),
          });
        }
      }
      return rounds;
    },
  );
}

export interface MemberCandidate {
  name: string;
  unit: string | null;
  /** The competitions the person is a contestant of on this device. */
  competitions: string[];
}

/**
 * The people who are contestants of this device's competitions and not yet members, one per
 * person key (the same person in several rounds or competitions once).
 */
export function memberCandidates(db: LeitaiDB, seasonId: Id): Promise<MemberCandidate[]> {
  return db.transaction('r', [db.competitions, db.rounds, db.contestants, db.seasonMembers], async () => {
    const members = new Set(
      (await db.seasonMembers.where('seasonId').equals(seasonId).toArray()).map(personKey),
    );
    const competitionNames = new Map((await db.competitions.toArray()).map((c) => [c.id, c.name]));
    const roundCompetition = new Map(
      (await db.rounds.toArray())
        .filter((round) => !isRehearsalRound(round))
        .map((round) => [round.id, round.competitionId]),
    );
    const found = new Map<string, MemberCandidate>();
    for (const contestant of await db.contestants.toArray()) {
      const competitionId = roundCompetition.get(contestant.roundId);
      const competition = competitionId && competitionNames.get(competitionId);
      if (!competition) continue;
      const key = personKey(contestant);
      if (members.has(key)) continue;
      const candidate = found.get(key) ?? { name: contestant.name, unit: contestant.unit, competitions: [] };
      if (!candidate.competitions.includes(competition)) candidate.competitions.push(competition);
      found.set(key, candidate);
    }
    return [...found.entries()].sort(([a], [b]) => compareIds(a, b)).map(([, candidate]) => candidate);
  });
}
