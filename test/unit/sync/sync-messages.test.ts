// Every refusal the venue server can answer has its words on the screen, in both languages.
import { describe, expect, it } from 'vitest';
import { type Lang, translate } from '../../../src/app/i18n/messages';
import { refusalMessage } from '../../../src/app/sync/failure-message';
import { HTTP_STATUS, type SyncErrorCode, syncError } from '../../../src/sync/protocol';

const CODES = Object.keys(HTTP_STATUS) as SyncErrorCode[];

function said(
  lang: Lang,
  code: SyncErrorCode,
  detail: Partial<Parameters<typeof syncError>[2]> = {},
): string {
  const message = refusalMessage(syncError(code, 'the server’s words', detail));
  return translate(lang, message.key, message.params);
}

describe('refusal messages', () => {
  it.each(CODES)('%s has its own message in zh-CN and in English', (code) => {
    for (const lang of ['zh-CN', 'en'] as const) {
      const text = said(lang, code);
      expect(text).not.toContain('sync.error.');
      expect(text).not.toMatch(/\{\w+\}/);
    }
  });

  it('tells a device what to do about its id, its revocation, its session and its attempts', () => {
    expect(said('zh-CN', 'deviceTaken')).toContain('请联系组织者');
    expect(said('zh-CN', 'deviceRevoked')).toContain('重新允许');
    expect(said('en', 'deviceRevoked')).toContain('readmit');
    expect(said('zh-CN', 'unauthorized')).toContain('请重新加入');
    expect(said('zh-CN', 'insecureTransport')).toContain('https');
    expect(said('zh-CN', 'tooManyAttempts', { retryAfterMs: 29_500 })).toBe('尝试次数过多，请 30 秒后再试。');
  });
});
