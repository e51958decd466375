/**
 * The audit log (操作记录) in words: every event of the competition with its time, device,
 * author, kind and a readable description, for the .xlsx export. Event kinds added later are
 * described generically (their type and payload), so the log is always complete.
 */

import { formatHundredths } from '../../domain/decimal';
import type { Author, LeitaiEvent } from '../../domain/events';
import type { Id } from '../../domain/model';
import { compareIds } from '../../domain/order';
import type { MessageKey } from '../i18n/messages';
import type { TFunction } from '../i18n/useT';

export interface AuditRow {
  time: string;
  deviceId: Id;
  deviceSeq: number;
  author: string;
  kind: string;
  round: string;
  description: string;
  eventId: Id;
}

/** Names of the things events refer to, from the setup events themselves (deleted ones too). */
interface NameBook {
  names: Map<Id, string>;
  criteria: Map<string, string>;
  adjustments: Map<Id, { label: string; contestantId: Id }>;
}

function nameBook(events: readonly LeitaiEvent[]): NameBook {
  const book: NameBook = { names: new Map(), criteria: new Map(), adjustments: new Map() };
  for (const event of events) {
    if (event.type === 'entity.put') {
      const { payload } = event;
      if ('name' in payload.entity) book.names.set(payload.entity.id, payload.entity.name);
      if (payload.table === 'rounds') {
        for (const criterion of payload.entity.criteria) {
          book.criteria.set(`${payload.entity.id}\n${criterion.id}`, criterion.label);
        }
      }
    } else if (event.type === 'adjustment.add') {
      const { adjustmentId, label, contestantId } = event.payload;
      book.adjustments.set(adjustmentId, { label, contestantId });
    }
  }
  return book;
}

const KIND_KEYS: Partial<Record<string, MessageKey>> = {
  'entity.put': 'results.audit.kind.entityPut',
  'entity.delete': 'results.audit.kind.entityDelete',
  'mark.set': 'results.audit.kind.markSet',
  'sheet.submit': 'results.audit.kind.sheetSubmit',
  'adjustment.add': 'results.audit.kind.adjustmentAdd',
  'adjustment.revoke': 'results.audit.kind.adjustmentRevoke',
  'correction.request': 'results.audit.kind.correctionRequest',
  'correction.decide': 'results.audit.kind.correctionDecide',
  'draw.record': 'results.audit.kind.drawRecord',
  'draw.commit': 'results.audit.kind.drawCommit',
  'order.manual': 'results.audit.kind.orderManual',
  'stage.call': 'results.audit.kind.stageCall',
  'stage.timer': 'results.audit.kind.stageTimer',
  'stage.view': 'results.audit.kind.stageView',
  'stage.nudge': 'results.audit.kind.stageNudge',
  'stage.confirmRequest': 'results.audit.kind.stageConfirmRequest',
  'stage.confirm': 'results.audit.kind.stageConfirm',
  'contestant.lock': 'results.audit.kind.contestantLock',
  'contestant.unlock': 'results.audit.kind.contestantUnlock',
  'round.close': 'results.audit.kind.roundClose',
  'round.reopen': 'results.audit.kind.roundReopen',
  'audience.open': 'results.audit.kind.audienceOpen',
  'audience.close': 'results.audit.kind.audienceClose',
  'audience.vote': 'results.audit.kind.audienceVote',
  'audience.seal': 'results.audit.kind.audienceSeal',
};

const TABLE_KEYS: Record<string, MessageKey> = {
  competitions: 'results.audit.table.competitions',
  rounds: 'results.audit.table.rounds',
  judges: 'results.audit.table.judges',
  contestants: 'results.audit.table.contestants',
  photos: 'results.audit.table.photos',
};

function authorText(author: Author, book: NameBook, t: TFunction): string {
  if (author.role === 'judge')
    return t('results.audit.author.judge', { name: book.names.get(author.judgeId) ?? author.judgeId });
  if (author.role === 'server') return t('results.audit.author.server');
  return t(author.role === 'host' ? 'results.audit.author.host' : 'results.audit.author.organizer');
}

const signedPoints = (points: number) =>
  points > 0 ? `+${formatHundredths(points)}` : formatHundredths(points);

/** The text of an event of a kind this screen does not know: its type and payload, shortened. */
function genericDescription(event: LeitaiEvent): string {
  const payload = JSON.stringify(event.payload);
  return payload.length > 300 ? `${payload.slice(0, 299)}…` : payload;
}

function describe(event: LeitaiEvent, book: NameBook, t: TFunction): string {
  const name = (id: Id) => book.names.get(id) ?? id;
  const criterion = (id: Id) => book.criteria.get(`${event.roundId}\n${id}`) ?? id;
  const reason = (text: string) => text || t('results.audit.noReason');
  switch (event.type) {
    case 'entity.put': {
      const { entity, table } = event.payload;
      const what = t(TABLE_KEYS[table] as MessageKey);
      return t('results.audit.entityPut', { what, name: 'name' in entity ? entity.name : entity.id });
    }
    case 'entity.delete':
      return t('results.audit.entityDelete', {
        what: t(TABLE_KEYS[event.payload.table] as MessageKey),
        name: name(event.payload.entityId),
      });
    case 'mark.set': {
      const { judgeId, contestantId, criterionId, value } = event.payload;
      const params = {
        judge: name(judgeId),
        contestant: name(contestantId),
        criterion: criterion(criterionId),
      };
      return value === null
        ? t('results.audit.markCleared', params)
        : t('results.audit.markSet', { ...params, value: formatHundredths(value) });
    }
    case 'sheet.submit':
      return t('results.audit.sheetSubmit', {
        judge: name(event.payload.judgeId),
        contestant: name(event.payload.contestantId),
      });
    case 'adjustment.add':
      return t('results.audit.adjustmentAdd', {
        contestant: name(event.payload.contestantId),
        label: event.payload.label,
        points: signedPoints(event.payload.points),
        reason: reason(event.payload.reason),
      });
    case 'adjustment.revoke': {
      const added = book.adjustments.get(event.payload.adjustmentId);
      return t('results.audit.adjustmentRevoke', {
        contestant: added ? name(added.contestantId) : '',
        label: added?.label ?? event.payload.adjustmentId,
        reason: reason(event.payload.reason),
      });
    }
    case 'correction.request':
      return t('results.audit.correctionRequest', {
        judge: name(event.payload.judgeId),
        contestant: name(event.payload.contestantId),
        reason: reason(event.payload.reason),
      });
    case 'correction.decide':
      return t(
        event.payload.approved ? 'results.audit.correctionApproved' : 'results.audit.correctionRefused',
        {
          judge: name(event.payload.judgeId),
          contestant: name(event.payload.contestantId),
          reason: reason(event.payload.reason),
        },
      );
    case 'draw.record':
      return t('results.audit.drawRecord', {
        fingerprint: event.payload.seedFingerprint.slice(0, 12),
        order: event.payload.order.map(name).join(t('results.list.separator')),
      });
    case 'draw.commit':
      return t('results.audit.drawCommit', { fingerprint: event.payload.seedFingerprint.slice(0, 12) });
    case 'order.manual':
      return t('results.audit.orderManual', {
        order: event.payload.order.map(name).join(t('results.list.separator')),
      });
    case 'stage.call':
      return t('results.audit.stageCall', { contestant: name(event.payload.contestantId) });
    case 'stage.nudge':
      return t('results.audit.stageNudge', {
        judge: name(event.payload.judgeId),
        contestant: name(event.payload.contestantId),
      });
    case 'contestant.lock':
      return event.payload.override
        ? t('results.audit.lockOverride', {
            contestant: name(event.payload.contestantId),
            reason: reason(event.payload.override.reason),
            missing: event.payload.override.missingJudgeIds.map(name).join(t('results.list.separator')),
          })
        : t('results.audit.lock', { contestant: name(event.payload.contestantId) });
    case 'contestant.unlock':
      return t('results.audit.unlock', {
        contestant: name(event.payload.contestantId),
        judge: name(event.payload.judgeId),
      });
    default:
      return genericDescription(event);
  }
}

/** A device's clock reading, in the viewer's time zone, to the second. */
export function localTime(iso: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  const two = (value: number) => String(value).padStart(2, '0');
  return `${at.getFullYear()}-${two(at.getMonth() + 1)}-${two(at.getDate())} ${two(at.getHours())}:${two(at.getMinutes())}:${two(at.getSeconds())}`;
}

/**
 * Every event as a row of the log, in the order the devices' clocks recorded them (the audit's
 * reading order; the chain's own order is by device and sequence number).
 */
export function auditRows(events: readonly LeitaiEvent[], t: TFunction): AuditRow[] {
  const book = nameBook(events);
  const chronological = [...events].sort(
    (a, b) =>
      compareIds(a.recordedAt, b.recordedAt) ||
      compareIds(a.deviceId, b.deviceId) ||
      a.deviceSeq - b.deviceSeq,
  );
  return chronological.map((event) => {
    const kindKey = KIND_KEYS[event.type];
    return {
      time: localTime(event.recordedAt),
      deviceId: event.deviceId,
      deviceSeq: event.deviceSeq,
      author: authorText(event.author, book, t),
      kind: kindKey ? t(kindKey) : event.type,
      round: event.roundId ? (book.names.get(event.roundId) ?? event.roundId) : '',
      description: describe(event, book, t),
      eventId: event.id,
    };
  });
}
