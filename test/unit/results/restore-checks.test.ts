// @vitest-environment node
/**
 * 恢复 checks everything in the file (issue 12): a byte changed outside the hash chain (the
 * competition's name, a recorded result) is refused, and the refusal says what differs, as
 * `leitai verify` does; a restore with no server in reach queues nothing of the other devices'
 * and says what this device will send.
 */
import { describe, expect, it } from 'vitest';
import { translate } from '../../../src/app/i18n/messages';
import { refusalText } from '../../../src/app/results/BackupPanel';
import { backupText, createBackup, readBackupText } from '../../../src/app/results/backup-file';
import { restoreEvents } from '../../../src/db/backup';
import { createCompetition } from '../../../src/db/repository';
import type { BackupFile } from '../../../src/domain/backup';
import { freshDb } from '../db/helpers';
import { loadDemo, zh } from './demo';

const EXPORTED_AT = '2026-06-18T20:00:00.000Z';
const en = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) =>
  translate('en', key, params);

async function demoBackup(): Promise<BackupFile> {
  const db = freshDb();
  const demo = await loadDemo(db);
  return createBackup(db, demo.competition.id, EXPORTED_AT);
}

/** The file's text after `change`, the chain untouched. */
function changed(backup: BackupFile, change: (copy: BackupFile) => void): string {
  const copy = structuredClone(backup);
  change(copy);
  return backupText(copy);
}

describe('a restore', { timeout: 60_000 }, () => {
  it('refuses a file whose competition name was changed outside the chain, and says what differs', async () => {
    const backup = await demoBackup();
    const read = readBackupText(
      changed(backup, (copy) => {
        copy.competition.name = '2026年昌吉市村党组织书记“擂台比武”（正式）';
      }),
    );
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.refusal.kind).toBe('resultsDiffer');
    const words = refusalText(read.refusal, zh);
    expect(words).toContain('赛事名称：文件中为“2026年昌吉市村党组织书记“擂台比武”（正式）”');
    expect(words).toContain(`按事件应为“${backup.competition.name}”`);
    expect(words).toContain('本设备没有任何改动');
    expect(refusalText(read.refusal, en)).toContain('competition name: the file says');
  });

  it('refuses a file whose recorded result was changed, naming the contestant and both results', async () => {
    const backup = await demoBackup();
    const [round] = backup.results;
    if (round?.outcome !== 'standings') throw new Error('the demo round has standings');
    const first = round.standings.standings[0];
    if (!first) throw new Error('the demo has ranked contestants');
    const read = readBackupText(
      changed(backup, (copy) => {
        const recorded = copy.results[0];
        if (recorded?.outcome === 'standings' && recorded.standings.standings[0])
          recorded.standings.standings[0].score = '99.99';
      }),
    );
    expect(read.ok).toBe(false);
    if (read.ok) return;
    const words = refusalText(read.refusal, zh);
    expect(words).toContain('轮次“市级决赛”记录的成绩与按原始评分重新计算的不同');
    expect(words).toContain(`第 ${first.rank} 名 99.99 分`);
    expect(words).toContain(`重新计算为第 ${first.rank} 名 ${first.score} 分`);
  });

  it('accepts the file as exported', async () => {
    const read = readBackupText(backupText(await demoBackup()));
    expect(read.ok).toBe(true);
  });

  it('queues none of the restored events with no server in reach, and says what this device will send', async () => {
    const read = readBackupText(backupText(await demoBackup()));
    if (!read.ok) throw new Error('refused');
    const device = freshDb();
    // Offline, the device has one write of its own waiting.
    await createCompetition(device, { name: '本机新建的赛事' });
    const own = await device.outbox.toArray();
    expect(own).toHaveLength(1);

    const result = await restoreEvents(device, read.events);
    expect(result).toMatchObject({ applied: read.events.length, unsent: 1 });
    expect(await device.outbox.toArray()).toEqual(own);
    expect(zh('results.backup.toSend', { count: result.unsent })).toContain('它自己的 1 条记录');
  });
});
