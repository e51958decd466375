/**
 * The events the venue server refused, in words a judge or an organizer understands:
 * "1号 张三 · 内容 · 99.99" and why, "分值超出该项满分（40）". Names come from this device's
 * own records; an event whose records are gone is described by its ids.
 */

import type { LeitaiDB } from '../../db/database';
import { type RefusedEntry, readRefusedEvents } from '../../db/remote';
import { contestantsByIds, judgesByIds, roundsByIds } from '../../db/repository';
import { formatHundredths } from '../../domain/decimal';
import type { EventType, LeitaiEvent } from '../../domain/events';
import type { Id } from '../../domain/model';
import type { ContestantRecord, JudgeRecord, RoundRecord } from '../../domain/records';
import type { MessageKey } from '../i18n/messages';
import type { TFunction } from '../i18n/useT';
import { refusalMessage } from './failure-message';

export interface RefusedList {
  entries: RefusedEntry[];
  contestants: Map<Id, ContestantRecord>;
  judges: Map<Id, JudgeRecord>;
  rounds: Map<Id, RoundRecord>;
}

/** A mark names its criterion and value instead: its kind goes without saying. */
const KIND_KEYS: Record<Exclude<EventType, 'mark.set'>, MessageKey> = {
  'entity.put': 'sync.kind.entityPut',
  'entity.delete': 'sync.kind.entityDelete',
  'sheet.submit': 'sync.kind.sheetSubmit',
  'adjustment.add': 'sync.kind.adjustmentAdd',
  'adjustment.revoke': 'sync.kind.adjustmentRevoke',
  'correction.request': 'sync.kind.correctionRequest',
  'correction.decide': 'sync.kind.correctionDecide',
  'draw.record': 'sync.kind.drawRecord',
  'draw.commit': 'sync.kind.drawCommit',
  'order.manual': 'sync.kind.orderManual',
  'stage.call': 'sync.kind.stageCall',
  'stage.timer': 'sync.kind.stageTimer',
  'stage.view': 'sync.kind.stageView',
  'stage.nudge': 'sync.kind.stageNudge',
  'judge.key.register': 'sync.kind.judgeKeyRegister',
  'judge.key.retire': 'sync.kind.judgeKeyRetire',
  'stage.confirmRequest': 'sync.kind.stageConfirmRequest',
  'stage.confirm': 'sync.kind.stageConfirm',
  'contestant.lock': 'sync.kind.contestantLock',
  'contestant.unlock': 'sync.kind.contestantUnlock',
  'round.close': 'sync.kind.roundClose',
  'round.reopen': 'sync.kind.roundReopen',
  'scope.purge': 'sync.kind.scopePurge',
  'audience.open': 'sync.kind.audienceOpen',
  'audience.close': 'sync.kind.audienceClose',
  'audience.vote': 'sync.kind.audienceVote',
  'audience.seal': 'sync.kind.audienceSeal',
};

function payloadId(event: LeitaiEvent, field: 'contestantId' | 'judgeId'): Id | undefined {
  const value: unknown = (event.payload as Record<string, unknown>)[field];
  return typeof value === 'string' ? value : undefined;
}

/** The refused events, oldest first, with the records they name. */
export async function readRefusedList(db: LeitaiDB): Promise<RefusedList> {
  const entries = await readRefusedEvents(db);
  const events = entries.map((entry) => entry.event);
  const [contestants, judges, rounds] = await Promise.all([
    contestantsByIds(
      db,
      events.map((event) => payloadId(event, 'contestantId')),
    ),
    judgesByIds(
      db,
      events.map((event) => payloadId(event, 'judgeId')),
    ),
    roundsByIds(
      db,
      events.map((event) => event.roundId),
    ),
  ]);
  return { entries, contestants, judges, rounds };
}

function criterionOf(event: LeitaiEvent<'mark.set'>, list: RefusedList) {
  const round = event.roundId ? list.rounds.get(event.roundId) : undefined;
  return round?.criteria.find((criterion) => criterion.id === event.payload.criterionId);
}

/** What the event is: "1号 张三 · 内容 · 99.99", "提交评分表 · 1号 张三", "保存设置 · 决赛". */
export function describeRefusedEvent({ event }: RefusedEntry, list: RefusedList, t: TFunction): string {
  const parts: string[] = [];
  if (event.type !== 'mark.set') parts.push(t(KIND_KEYS[event.type]));
  if (event.type === 'entity.put') {
    const { entity } = event.payload;
    parts.push('name' in entity ? entity.name : entity.id);
  }
  const judgeId = payloadId(event, 'judgeId');
  // On a judge's own tablet, the judge goes without saying.
  if (judgeId && event.author.role !== 'judge') {
    parts.push(t('sync.refusedJudge', { name: list.judges.get(judgeId)?.name ?? judgeId }));
  }
  const contestantId = payloadId(event, 'contestantId');
  if (contestantId) {
    const contestant = list.contestants.get(contestantId);
    parts.push(
      contestant?.draw == null
        ? (contestant?.name ?? contestantId)
        : t('sync.refusedContestant', { draw: contestant.draw, name: contestant.name }),
    );
  }
  if (event.type === 'mark.set') {
    const { criterionId, value } = event.payload;
    parts.push(criterionOf(event, list)?.label ?? criterionId);
    parts.push(value === null ? t('sync.refusedCleared') : formatHundredths(value));
  }
  return parts.join(' · ');
}

/** Why the server refused it: the code's message, or more precisely when this device can tell. */
export function refusalReason(entry: RefusedEntry, list: RefusedList, t: TFunction): string {
  const { event } = entry;
  if (entry.code === 'invalidMark' && event.type === 'mark.set') {
    const criterion = criterionOf(event, list);
    const { value } = event.payload;
    if (criterion && value !== null && value > criterion.max) {
      return t('sync.refusedAboveMax', { max: formatHundredths(criterion.max) });
    }
  }
  const message = refusalMessage(entry);
  return t(message.key, message.params);
}
