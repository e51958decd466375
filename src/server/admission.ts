/**
 * What the venue server lets into the log: every pushed event is checked, on its own, against
 * the setup as the server itself folds it (competitions, rounds with their criteria, judges,
 * contestants) and against the revisions its cells already hold. The server is the one
 * authority: a device's own checks are a convenience, this is the rule.
 *
 * The fold is kept in memory, rebuilt from the log at start-up and advanced only by events
 * that were committed: it is derived state, never a second source of truth.
 */

import { type EntityHeadRow, entityChangeOf, type LeitaiEvent, mergeEntity } from '../domain/events';
import { judgeGroupOf, judgeMarksCriterion } from '../domain/groups';
import { describeIssue } from '../domain/issue-texts';
import { issue } from '../domain/issues';
import type { Id } from '../domain/model';
import { byOrderThenId } from '../domain/order';
import { isDemoDraw, isPurge, isPurged, type PurgeScope, purgeScopeOf } from '../domain/purge';
import { isAssigned, type JudgeRecord, type SetupRecords, type SetupTable } from '../domain/records';
import { decodeBase64, keyFingerprint } from '../domain/signing';
import { checkSingleMark } from '../domain/validate';
import { type DeviceRole, type SyncErrorCode, type WireEvent, writeRefusal } from '../sync/protocol';

/**
 * How far past a cell's stored revision a new event may reach. An honest device writes one more
 * than it has seen, so it stays within its own offline edits of that cell ahead; a forged
 * revision near 2^53 would leave the cell's owner no revision to supersede it with. A bound of
 * 1000 per event leaves the number space for some 10^12 edits.
 */
const MAX_REVISION_LEAD = 1000;

export interface AdmissionRefusal {
  code: SyncErrorCode;
  message: string;
  path?: string;
}

export interface Writer {
  role: DeviceRole;
  deviceId: Id;
  judgeId: Id | null;
}

type Entities = { [T in Exclude<SetupTable, 'photos'>]: Map<Id, SetupRecords[T]> } & {
  photos: Map<Id, { id: Id; roundId: Id }>;
};

function refusal(code: SyncErrorCode, message: string, path?: string): AdmissionRefusal {
  return path === undefined ? { code, message } : { code, message, path };
}

/** The cell an event writes with a revision: events of one cell compete by compareRevision. */
function revisionCellOf(event: LeitaiEvent): string | null {
  const round = event.roundId ?? '';
  switch (event.type) {
    case 'entity.put':
      return `entity/${event.payload.table}/${event.payload.entity.id}`;
    case 'entity.delete':
      return `entity/${event.payload.table}/${event.payload.entityId}`;
    case 'mark.set': {
      const { judgeId, contestantId, criterionId } = event.payload;
      return `mark/${round}/${judgeId}/${contestantId}/${criterionId}`;
    }
    case 'sheet.submit':
    case 'correction.decide':
      return `sheet/${round}/${event.payload.judgeId}/${event.payload.contestantId}`;
    case 'stage.call':
      return `call/${round}`;
    case 'stage.view':
      return `view/${round}`;
    case 'stage.timer':
      return `timer/${round}/${event.payload.contestantId}`;
    case 'contestant.lock':
    case 'contestant.unlock':
      return `lock/${round}/${event.payload.contestantId}`;
    case 'round.close':
    case 'round.reopen':
      return `closure/${round}`;
    default:
      return null;
  }
}

/** The contestant and judge an event is about, where it names them. */
function subjectsOf(event: LeitaiEvent): { contestantId?: Id | null; judgeId?: Id } {
  const payload = event.payload as { contestantId?: Id | null; judgeId?: Id };
  return { contestantId: payload.contestantId, judgeId: payload.judgeId };
}

function isKeyEvent(event: LeitaiEvent): event is LeitaiEvent<'judge.key.register' | 'judge.key.retire'> {
  return event.type === 'judge.key.register' || event.type === 'judge.key.retire';
}

/**
 * 结束本轮，成绩定稿 is the organizer's decision: a closure (or reopening) of a round's results
 * is authored by the organizer, never by the host console's or a judge's role, and names a round.
 */
function closureRefusal(event: LeitaiEvent): AdmissionRefusal | null {
  if (event.type !== 'round.close' && event.type !== 'round.reopen') return null;
  if (event.author.role !== 'organizer') {
    return refusal(
      'forbiddenAuthor',
      `only the organizer closes or reopens a round (${event.type})`,
      'author',
    );
  }
  if (event.roundId === null) return refusal('unknownEntity', `${event.type} names no round`, 'roundId');
  return null;
}

export class Admission {
  private readonly entities: Entities = {
    competitions: new Map(),
    rounds: new Map(),
    judges: new Map(),
    contestants: new Map(),
    photos: new Map(),
  };
  private readonly entityHeads = new Map<string, EntityHeadRow>();
  private readonly revisions = new Map<string, number>();
  /** The judge each correction request was made by: the first request of an id owns it. */
  private readonly correctionRequests = new Map<Id, Id>();
  /** The judge whose events each device id carries (for devices whose logs are relayed). */
  private readonly deviceJudges = new Map<Id, Id>();
  /** The scopes purged so far: their events are deleted, and none is admitted again. */
  private readonly purgedScopes: PurgeScope[] = [];
  /** Competitions drawn with the demo's seed: demos loaded before the `demo` flag existed. */
  private readonly demoDraws = new Set<Id>();
  /** Rounds that hold a judge's own mark: a competition with one is real, never purged. */
  private readonly roundsMarkedByJudges = new Set<Id>();

  /** The fold of a stored log (server order; any order gives the same state). */
  static fromLog(bodies: Iterable<string>): Admission {
    const admission = new Admission();
    for (const body of bodies) admission.apply(JSON.parse(body) as LeitaiEvent);
    return admission;
  }

  /** Folds an event the store has committed. */
  apply(event: LeitaiEvent): void {
    if (event.type === 'correction.request' && !this.correctionRequests.has(event.payload.requestId)) {
      this.correctionRequests.set(event.payload.requestId, event.payload.judgeId);
    }
    if (event.author.role === 'judge' && !this.deviceJudges.has(event.deviceId)) {
      this.deviceJudges.set(event.deviceId, event.author.judgeId);
    }
    if (isPurge(event)) this.purgedScopes.push(purgeScopeOf(event));
    if (isDemoDraw(event)) this.demoDraws.add(event.competitionId);
    if (event.type === 'mark.set' && event.author.role === 'judge' && event.roundId !== null) {
      this.roundsMarkedByJudges.add(event.roundId);
    }
    const cell = revisionCellOf(event);
    if (cell !== null && 'revision' in event.payload) {
      this.revisions.set(cell, Math.max(this.revisions.get(cell) ?? 0, event.payload.revision));
    }
    if (event.type !== 'entity.put' && event.type !== 'entity.delete') return;
    const { table } = event.payload;
    const entityId = event.type === 'entity.put' ? event.payload.entity.id : event.payload.entityId;
    const key = `${table}/${entityId}`;
    // The devices' own merge, so the server checks against the setup every device folds.
    const row = mergeEntity(this.entityHeads.get(key), event);
    if (row === undefined) return;
    this.entityHeads.set(key, row);
    const change = entityChangeOf(event, row);
    const records = this.entities[table] as Map<Id, unknown>;
    if ('delete' in change) records.delete(entityId);
    // A photo is only ever looked up by id: its picture (megabytes of base64) stays in the log.
    else if (change.table === 'photos') records.set(entityId, { id: entityId, roundId: change.put.roundId });
    else records.set(entityId, change.put);
  }

  /** The judge whose events a device id has carried so far, if any. */
  judgeOfDevice(deviceId: Id): Id | undefined {
    return this.deviceJudges.get(deviceId);
  }

  judge(judgeId: Id): JudgeRecord | undefined {
    return this.entities.judges.get(judgeId);
  }

  round(roundId: Id): SetupRecords['rounds'] | undefined {
    return this.entities.rounds.get(roundId);
  }

  contestant(contestantId: Id): SetupRecords['contestants'] | undefined {
    return this.entities.contestants.get(contestantId);
  }

  /** Whether the log holds any write of this entity (a deleted one included). */
  holdsEntity(table: SetupTable, entityId: Id): boolean {
    return this.entityHeads.has(`${table}/${entityId}`);
  }

  /** Whether a judge has marked the round (not the organizer's simulated judges of a 彩排). */
  hasJudgeMarks(roundId: Id): boolean {
    return this.roundsMarkedByJudges.has(roundId);
  }

  hasPhoto(photoId: Id): boolean {
    return this.entities.photos.has(photoId);
  }

  /** Whether a contestant the venue holds shows this photo. */
  hasContestantWithPhoto(photoId: Id): boolean {
    for (const contestant of this.entities.contestants.values()) {
      if (contestant.photoId === photoId) return true;
    }
    return false;
  }

  /** Whether the round exists (created and not deleted). */
  hasRound(roundId: Id): boolean {
    return this.entities.rounds.has(roundId);
  }

  /** The round's panel, in its order. */
  judgesOfRound(roundId: Id): JudgeRecord[] {
    return [...this.entities.judges.values()]
      .filter((judge) => isAssigned(judge, roundId))
      .sort(byOrderThenId);
  }

  /** The judges whose join code this is. */
  judgesWithCode(code: string): JudgeRecord[] {
    return [...this.entities.judges.values()].filter((judge) => judge.joinCode === code);
  }

  /** Why `writer` may not store `event`, or null when it may. */
  check(writer: Writer, wire: WireEvent): AdmissionRefusal | null {
    const denied = writeRefusal(writer, wire);
    if (denied) return denied;
    const event = wire as LeitaiEvent;
    return (
      this.checkPurged(event) ??
      this.checkScope(writer, event) ??
      this.checkKey(writer, event) ??
      this.checkPurge(event) ??
      this.checkRehearsal(event) ??
      this.checkSubjects(event) ??
      this.checkContent(event) ??
      this.checkRevision(event)
    );
  }

  /** The competition and round the event says it belongs to exist, and a judge is assigned to it. */
  private checkScope(writer: Writer, event: LeitaiEvent): AdmissionRefusal | null {
    const creates = (table: SetupTable, id: Id) =>
      event.type === 'entity.put' && event.payload.table === table && event.payload.entity.id === id;
    if (
      !this.entities.competitions.has(event.competitionId) &&
      !creates('competitions', event.competitionId)
    ) {
      return refusal('unknownEntity', `no competition ${event.competitionId}`, 'competitionId');
    }
    if (event.roundId !== null && !creates('rounds', event.roundId)) {
      const round = this.entities.rounds.get(event.roundId);
      if (!round) return refusal('unknownEntity', `no round ${event.roundId}`, 'roundId');
      if (round.competitionId !== event.competitionId) {
        return refusal('unknownEntity', `round ${event.roundId} is not of this competition`, 'roundId');
      }
    }
    if (writer.role === 'judge') {
      const judge = this.entities.judges.get(writer.judgeId as Id);
      if (!judge)
        return refusal('unknownEntity', `judge ${writer.judgeId} no longer exists`, 'author.judgeId');
      // A signing key belongs to the judge of the competition, not to one round (checkKey).
      if (isKeyEvent(event)) return null;
      if (event.roundId === null || !isAssigned(judge, event.roundId)) {
        return refusal(
          'outsideOwnRound',
          `judge ${judge.id} is not assigned to round ${event.roundId}; their rounds: ${judge.roundIds.join(', ') || 'none'}`,
          'roundId',
        );
      }
    }
    return null;
  }

  /** Nothing of a purged scope comes back: a late device's events of it are refused, named. */
  private checkPurged(event: LeitaiEvent): AdmissionRefusal | null {
    const scope = isPurge(event) ? purgeScopeOf(event) : null;
    const purged = scope
      ? this.purgedScopes.some(
          (done) =>
            done.competitionId === scope.competitionId &&
            (done.roundId === null || done.roundId === scope.roundId),
        )
      : isPurged(event, this.purgedScopes);
    if (!purged) return null;
    const what = event.roundId === null ? `competition ${event.competitionId}` : `round ${event.roundId}`;
    return refusal('purgedScope', `${what} was purged (the demo or a rehearsal)`, 'competitionId');
  }

  /**
   * A purge removes the demo competition, or a 彩排 round (of any competition, or any round of
   * the demo): never a real competition or round. A competition that is not the demo may go
   * only while no judge has marked any of its rounds. Only the organizer writes purges (the
   * protocol's write rules refuse them to tablets and the projector).
   */
  private checkPurge(event: LeitaiEvent): AdmissionRefusal | null {
    if (!isPurge(event)) return null;
    const competition = this.entities.competitions.get(event.competitionId);
    const isDemo = competition?.demo === true || this.demoDraws.has(event.competitionId);
    if (event.roundId === null) {
      const marked = [...this.entities.rounds.values()].some(
        (round) =>
          round.competitionId === event.competitionId &&
          round.rehearsalOf === undefined &&
          this.roundsMarkedByJudges.has(round.id),
      );
      if (!isDemo && marked) {
        return refusal('purgeRefused', 'a real competition with real marks is never purged', 'competitionId');
      }
      return null;
    }
    const round = this.entities.rounds.get(event.roundId);
    if (!isDemo && round?.rehearsalOf === undefined) {
      return refusal('purgeRefused', 'only a rehearsal round, or a round of the demo, is purged', 'roundId');
    }
    return null;
  }

  /**
   * Marks and sheets written as the organizer (a rehearsal's simulated judges) go only into a
   * 彩排 round; the demo and rehearsal flags are set when their record is created, never after
   * (a real competition cannot be turned into a purgeable one).
   */
  private checkRehearsal(event: LeitaiEvent): AdmissionRefusal | null {
    if ((event.type === 'mark.set' || event.type === 'sheet.submit') && event.author.role !== 'judge') {
      const round = this.entities.rounds.get(event.roundId as Id);
      if (round?.rehearsalOf === undefined) {
        return refusal('forbiddenAuthor', 'simulated marks go only into a rehearsal round', 'author');
      }
    }
    if (event.type !== 'entity.put') return null;
    const { payload } = event;
    if (payload.table === 'competitions') {
      const current = this.entities.competitions.get(payload.entity.id);
      if (current && current.demo !== payload.entity.demo) {
        return refusal(
          'forbiddenAuthor',
          'whether a competition is the demo never changes',
          'payload.entity.demo',
        );
      }
    }
    if (payload.table === 'rounds') {
      const current = this.entities.rounds.get(payload.entity.id);
      if (current && current.rehearsalOf !== payload.entity.rehearsalOf) {
        return refusal(
          'forbiddenAuthor',
          'whether a round is a rehearsal never changes',
          'payload.entity.rehearsalOf',
        );
      }
    }
    return null;
  }

  /**
   * A signing key (src/domain/signing.ts) is bound to the judge and the device the server
   * authenticated: only that judge's own tablet registers it, under its own device id, with the
   * key's true fingerprint. The organizer, who knows every join code, cannot register one from
   * the laptop; a tablet that joins as a judge can, and that is visible in the log (README).
   * A key is retired by its judge's tablet or by the organizer, never deleted.
   */
  private checkKey(writer: Writer, event: LeitaiEvent): AdmissionRefusal | null {
    if (!isKeyEvent(event)) return null;
    if (event.roundId !== null)
      return refusal('unknownEntity', 'a signing key belongs to no round', 'roundId');
    const { judgeId, deviceId } = event.payload;
    const judge = this.entities.judges.get(judgeId);
    if (!judge || judge.competitionId !== event.competitionId) {
      return refusal('unknownEntity', `no judge ${judgeId} in this competition`, 'payload.judgeId');
    }
    if (event.type === 'judge.key.retire') return null;
    if (writer.role !== 'judge' || writer.judgeId !== judgeId) {
      return refusal(
        'forbiddenAuthor',
        "a judge's key is registered by that judge's own tablet only",
        'author',
      );
    }
    if (deviceId !== writer.deviceId) {
      return refusal(
        'forbiddenAuthor',
        `a key of device ${deviceId} registered by device ${writer.deviceId}`,
        'payload.deviceId',
      );
    }
    const key = decodeBase64(event.payload.publicKey);
    if (key?.length !== 65 || key[0] !== 4) {
      return refusal(
        'malformedEvent',
        'not a raw P-256 public key (65 bytes, uncompressed)',
        'payload.publicKey',
      );
    }
    if (keyFingerprint(event.payload.publicKey) !== event.payload.fingerprint) {
      return refusal('malformedEvent', "the fingerprint is not the key's", 'payload.fingerprint');
    }
    return null;
  }

  /** The judge and contestant the event names belong to its round. */
  private checkSubjects(event: LeitaiEvent): AdmissionRefusal | null {
    if (event.type === 'entity.put' || event.type === 'entity.delete' || isKeyEvent(event)) return null;
    const { contestantId, judgeId } = subjectsOf(event);
    if (judgeId !== undefined) {
      const judge = this.entities.judges.get(judgeId);
      if (!judge || event.roundId === null || !isAssigned(judge, event.roundId))
        return refusal('unknownEntity', `no judge ${judgeId} in this round`, 'payload.judgeId');
    }
    if (contestantId !== undefined && contestantId !== null) {
      const contestant = this.entities.contestants.get(contestantId);
      if (!contestant || contestant.roundId !== event.roundId) {
        return refusal(
          'unknownEntity',
          `no contestant ${contestantId} in this round`,
          'payload.contestantId',
        );
      }
    }
    return null;
  }

  /** What the event says is possible: a mark within its criterion, an entity in its round. */
  private checkContent(event: LeitaiEvent): AdmissionRefusal | null {
    const closure = closureRefusal(event);
    if (closure) return closure;
    if (event.type === 'correction.request') {
      const owner = this.correctionRequests.get(event.payload.requestId);
      if (owner !== undefined && owner !== event.payload.judgeId) {
        return refusal('forbiddenAuthor', 'this correction request is another judge’s', 'payload.requestId');
      }
    }
    if (event.type === 'mark.set') {
      const round = this.entities.rounds.get(event.roundId as Id);
      const criterion = round?.criteria.find((candidate) => candidate.id === event.payload.criterionId);
      if (!round || !criterion) {
        return refusal(
          'unknownEntity',
          `no criterion ${event.payload.criterionId} in this round`,
          'payload.criterionId',
        );
      }
      const judge = this.entities.judges.get(event.payload.judgeId);
      const contestant = this.entities.contestants.get(event.payload.contestantId);
      // A judge marks only its group's criteria (src/domain/groups.ts), whatever its device allowed.
      if (judge && !judgeMarksCriterion(round.settings, judge, criterion.id)) {
        const group = judgeGroupOf(round.settings, judge);
        const found = group
          ? issue('markOutsideGroup', 'payload.criterionId', {
              judge: judge.name,
              contestant: contestant?.name ?? event.payload.contestantId,
              criterion: criterion.label,
              group: group.label,
            })
          : issue('judgeWithoutGroup', 'payload.judgeId', { judge: judge.name });
        return refusal('invalidMark', describeIssue(found), found.path);
      }
      if (event.payload.value === null) return null;
      const found = checkSingleMark(
        event.payload.value,
        { ...criterion, id: criterion.label },
        {
          judge: judge?.name ?? event.payload.judgeId,
          contestant: contestant?.name ?? event.payload.contestantId,
        },
      );
      return found ? refusal('invalidMark', describeIssue(found), 'payload.value') : null;
    }
    if (
      event.type === 'entity.put' &&
      event.payload.table === 'judges' &&
      'roundIds' in event.payload.entity
    ) {
      return this.checkJudgeRounds(event.payload.entity, event.competitionId);
    }
    if (event.type === 'entity.put') {
      const entity = event.payload.entity as { roundId?: Id; competitionId?: Id };
      if (event.payload.table === 'rounds' && entity.competitionId !== event.competitionId) {
        return refusal(
          'unknownEntity',
          'a round must belong to the competition of its event',
          'payload.entity.competitionId',
        );
      }
      if (entity.roundId !== undefined && event.payload.table !== 'rounds') {
        const round = this.entities.rounds.get(entity.roundId);
        if (!round || round.competitionId !== event.competitionId) {
          return refusal(
            'unknownEntity',
            `no round ${entity.roundId} in this competition`,
            'payload.entity.roundId',
          );
        }
      }
    }
    return null;
  }

  /** A judge belongs to the competition of its event and is assigned to rounds of it only. */
  private checkJudgeRounds(judge: JudgeRecord, competitionId: Id): AdmissionRefusal | null {
    if (judge.competitionId !== competitionId) {
      return refusal(
        'unknownEntity',
        'a judge must belong to the competition of its event',
        'payload.entity.competitionId',
      );
    }
    for (const [index, roundId] of judge.roundIds.entries()) {
      if (this.entities.rounds.get(roundId)?.competitionId !== competitionId) {
        return refusal(
          'unknownEntity',
          `no round ${roundId} in this competition`,
          `payload.entity.roundIds[${index}]`,
        );
      }
    }
    return null;
  }

  private checkRevision(event: LeitaiEvent): AdmissionRefusal | null {
    const cell = revisionCellOf(event);
    if (cell === null || !('revision' in event.payload)) return null;
    const stored = this.revisions.get(cell) ?? 0;
    if (event.payload.revision > stored + MAX_REVISION_LEAD) {
      return refusal(
        'revisionTooFar',
        `revision ${event.payload.revision} is more than ${MAX_REVISION_LEAD} past the cell's ${stored}`,
        'payload.revision',
      );
    }
    return null;
  }
}
