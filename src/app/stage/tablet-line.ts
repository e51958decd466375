/** A judge's tablet as the host console last heard of it from the venue server (GET /presence). */

import type { Id } from '../../domain/model';
import type { TFunction } from '../i18n/useT';
import type { PresenceView } from './use-presence';

/** The hour and minute of a moment, as the screen's language writes them (14:03). */
function timeOfDay(iso: string, lang: string): string {
  return new Date(iso).toLocaleTimeString(lang === 'en' ? 'en-GB' : 'zh-CN', {
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  });
}

/** The judge's tablet as the server last saw it; null when the console cannot know. */
export function tabletLine(presence: PresenceView, judgeId: Id, t: TFunction, lang: string) {
  if (presence.state !== 'known') return null;
  const judge = presence.judges.get(judgeId);
  if (!judge || judge.tablets === 0) return { state: 'none', text: t('stage.presence.none') };
  if (judge.online) return { state: 'online', text: t('stage.presence.online') };
  return {
    state: 'offline',
    text:
      // A session expired a day ago and the server restarted since: offline, when is not known.
      judge.lastContactAt === null
        ? t('stage.presence.offlineLong')
        : t('stage.presence.offline', { time: timeOfDay(judge.lastContactAt, lang) }),
  };
}
