// @vitest-environment node
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  countedVotes,
  isVoteValue,
  isWindowOpen,
  latestUnclosedWindow,
  ratingMeanHundredths,
  supportPercent,
  tallyOf,
  turnoutOf,
  voterIdOf,
  withAudienceVotes,
} from '../../../src/domain/audience';
import { type EventDraft, foldEvents, type LeitaiEvent } from '../../../src/domain/events';
import { DEFAULT_SETTINGS, type RoundInput } from '../../../src/domain/model';
import type { AudienceVoting } from '../../../src/domain/records';

const HOST_DEVICE = 'host-device';
const SERVER_DEVICE = 'server-device';
let hostSeq = 0;
let serverSeq = 0;

function written(draft: EventDraft, id: string): LeitaiEvent {
  const server = draft.author.role === 'server';
  const deviceSeq = server ? ++serverSeq : ++hostSeq;
  return {
    ...draft,
    id,
    deviceId: server ? SERVER_DEVICE : HOST_DEVICE,
    deviceSeq,
    recordedAt: '2026-12-04T10:00:00.000Z',
  } as LeitaiEvent;
}

function open(windowId: string, contestantId: string, seconds = 30): LeitaiEvent {
  return written(
    {
      type: 'audience.open',
      author: { role: 'host' },
      competitionId: 'c',
      roundId: 'r1',
      payload: { contestantId, seconds },
    },
    windowId,
  );
}

function close(windowId: string, contestantId: string): LeitaiEvent {
  return written(
    {
      type: 'audience.close',
      author: { role: 'host' },
      competitionId: 'c',
      roundId: 'r1',
      payload: { contestantId, windowId },
    },
    `close-${windowId}`,
  );
}

function seal(windowId: string, contestantId: string, votes: number): LeitaiEvent {
  return written(
    {
      type: 'audience.seal',
      author: { role: 'server' },
      competitionId: 'c',
      roundId: 'r1',
      payload: { contestantId, windowId, votes },
    },
    `seal-${windowId}`,
  );
}

function vote(
  windowId: string,
  contestantId: string,
  voter: number,
  value: number,
  n: number,
  atMs = n * 100,
): LeitaiEvent {
  return written(
    {
      type: 'audience.vote',
      author: { role: 'server' },
      competitionId: 'c',
      roundId: 'r1',
      payload: { windowId, contestantId, voterId: voterIdOf(voter), value, n, atMs },
    },
    `vote-${windowId}-${n}`,
  );
}

function counted(events: LeitaiEvent[]) {
  const projection = foldEvents(events);
  return countedVotes(Object.values(projection.audienceWindows), Object.values(projection.audienceVotes));
}

describe('the audience fold', () => {
  it('counts one voice per phone per contestant: a later vote replaces the earlier one', () => {
    const votes = counted([
      open('w1', 'p1'),
      vote('w1', 'p1', 1, 1, 1),
      vote('w1', 'p1', 2, 1, 2),
      vote('w1', 'p1', 1, 0, 3),
    ]);
    expect(votes).toEqual([
      { contestantId: 'p1', voterId: 'aud-1', value: 0 },
      { contestantId: 'p1', voterId: 'aud-2', value: 1 },
    ]);
    expect(tallyOf(votes, 'p1')).toEqual({ votes: 2, supporters: 1, sum: 1 });
    expect(supportPercent(tallyOf(votes, 'p1'))).toBe(50);
  });

  it('a vote in a later window of the same contestant replaces the one of an earlier window', () => {
    const votes = counted([
      open('w1', 'p1'),
      vote('w1', 'p1', 1, 1, 1),
      close('w1', 'p1'),
      seal('w1', 'p1', 1),
      open('w2', 'p1'),
      vote('w2', 'p1', 1, 0, 1),
    ]);
    expect(votes).toEqual([{ contestantId: 'p1', voterId: 'aud-1', value: 0 }]);
  });

  it('ignores a vote numbered past its window’s seal, a vote after its seconds, and a vote without its open', () => {
    const votes = counted([
      open('w1', 'p1', 10),
      vote('w1', 'p1', 1, 1, 1),
      vote('w1', 'p1', 2, 1, 2),
      seal('w1', 'p1', 1),
      open('w2', 'p2', 10),
      vote('w2', 'p2', 3, 1, 1, 9_999),
      vote('w2', 'p2', 4, 1, 2, 10_000),
      vote('w3', 'p3', 5, 1, 1),
    ]);
    expect(votes).toEqual([
      { contestantId: 'p1', voterId: 'aud-1', value: 1 },
      { contestantId: 'p2', voterId: 'aud-3', value: 1 },
    ]);
    expect(turnoutOf(votes)).toEqual(
      new Map([
        ['p1', 1],
        ['p2', 1],
      ]),
    );
  });

  it('a vote whose window was opened for another contestant never counts', () => {
    expect(counted([open('w1', 'p1'), vote('w1', 'p2', 1, 1, 1)])).toEqual([]);
  });

  it('a vote after the seal never counts, whatever order the events arrive in', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ voter: fc.integer({ min: 1, max: 5 }), value: fc.integer({ min: 0, max: 1 }) }),
          {
            minLength: 1,
            maxLength: 12,
          },
        ),
        fc.nat(),
        fc.nat(),
        (cast, sealAt, seed) => {
          const sealed = sealAt % (cast.length + 1);
          const events = [
            open('w1', 'p1'),
            ...cast.map((entry, index) => vote('w1', 'p1', entry.voter, entry.value, index + 1)),
            close('w1', 'p1'),
            seal('w1', 'p1', sealed),
          ];
          // The votes up to the seal, each voter's newest.
          const expected = new Map<string, number>();
          for (const entry of cast.slice(0, sealed)) expected.set(voterIdOf(entry.voter), entry.value);
          const shuffled = shuffle(events, seed);
          const result = counted(shuffled);
          expect(new Map(result.map((entry) => [entry.voterId, entry.value]))).toEqual(expected);
          expect(result).toEqual(counted(events));
        },
      ),
    );
  });
});

function shuffle<T>(items: readonly T[], seed: number): T[] {
  const copy = [...items];
  let state = seed || 1;
  for (let index = copy.length - 1; index > 0; index -= 1) {
    state = (state * 48271) % 2147483647;
    const other = state % (index + 1);
    [copy[index], copy[other]] = [copy[other] as T, copy[index] as T];
  }
  return copy;
}

describe('windows', () => {
  it('is open while neither closed nor sealed and within its seconds', () => {
    const projection = foldEvents([open('w1', 'p1', 30)]);
    const window = projection.audienceWindows.w1;
    if (!window) throw new Error('no window');
    expect(isWindowOpen(window, 29_999)).toBe(true);
    expect(isWindowOpen(window, 30_000)).toBe(false);
    const closed = foldEvents([open('w1', 'p1', 30), close('w1', 'p1')]).audienceWindows.w1;
    expect(closed && isWindowOpen(closed, 0)).toBe(false);
  });

  it('the latest unclosed window is the host’s newest open', () => {
    const projection = foldEvents([open('w1', 'p1'), open('w2', 'p2'), close('w2', 'p2')]);
    expect(latestUnclosedWindow(Object.values(projection.audienceWindows))?.windowId).toBe('w1');
    const later = foldEvents([open('w1', 'p1'), open('w2', 'p2')]);
    expect(latestUnclosedWindow(Object.values(later.audienceWindows))?.windowId).toBe('w2');
  });
});

describe('votes as marks', () => {
  const support: AudienceVoting = {
    groupId: 'public',
    criterionId: 'vote',
    mode: 'support',
    windowSeconds: 30,
  };
  const input: RoundInput = {
    criteria: [{ id: 'vote', label: '支持', max: 100, points: 100, step: 100 }],
    judges: [{ id: 'j1', name: '专家', weight: 100, unit: null }],
    contestants: [{ id: 'p1', name: '甲', unit: null, draw: 1, status: 'active' }],
    marks: [],
    adjustments: [],
    settings: {
      ...DEFAULT_SETTINGS,
      groups: [
        { id: 'experts', label: '专家评委', weight: 7000, criteria: null, panel: null, minJudges: null },
        { id: 'public', label: '大众评审', weight: 3000, criteria: ['vote'], panel: null, minJudges: null },
      ],
    },
  };

  it('makes each voter a judge of the audience group and each vote a mark in hundredths', () => {
    const projection = foldEvents([open('w1', 'p1'), vote('w1', 'p1', 2, 1, 1), vote('w1', 'p1', 10, 0, 2)]);
    const result = withAudienceVotes(
      input,
      support,
      Object.values(projection.audienceWindows),
      Object.values(projection.audienceVotes),
    );
    expect(result.judges.slice(1)).toEqual([
      { id: 'aud-2', name: '观众 #2', weight: 100, unit: null, group: 'public' },
      { id: 'aud-10', name: '观众 #10', weight: 100, unit: null, group: 'public' },
    ]);
    expect(result.marks).toEqual([
      { judge: 'aud-2', contestant: 'p1', criterion: 'vote', value: 100 },
      { judge: 'aud-10', contestant: 'p1', criterion: 'vote', value: 0 },
    ]);
  });

  it('leaves a round without audience voting, and a vote of a value its mode does not take, as they are', () => {
    const projection = foldEvents([open('w1', 'p1'), vote('w1', 'p1', 1, 7, 1)]);
    const windows = Object.values(projection.audienceWindows);
    const votes = Object.values(projection.audienceVotes);
    expect(withAudienceVotes(input, undefined, windows, votes)).toBe(input);
    // A round whose groups do not have the audience's yet (its setup half done): no voter.
    const ungrouped = { ...input, settings: DEFAULT_SETTINGS };
    expect(withAudienceVotes(ungrouped, { ...support, mode: 'rating' }, windows, votes)).toBe(ungrouped);
    expect(withAudienceVotes(input, support, windows, votes).marks).toEqual([]);
    const rating = { ...support, mode: 'rating' as const };
    expect(withAudienceVotes(input, rating, windows, votes).marks).toEqual([
      { judge: 'aud-1', contestant: 'p1', criterion: 'vote', value: 700 },
    ]);
  });

  it('knows the values of each mode, and the rating’s mean', () => {
    expect([0, 1, 2].map((value) => isVoteValue('support', value))).toEqual([true, true, false]);
    expect([0, 1, 10, 11, 2.5].map((value) => isVoteValue('rating', value))).toEqual([
      false,
      true,
      true,
      false,
      false,
    ]);
    expect(ratingMeanHundredths({ votes: 3, supporters: 0, sum: 20 })).toBe(667);
    expect(ratingMeanHundredths({ votes: 0, supporters: 0, sum: 0 })).toBeNull();
  });
});
