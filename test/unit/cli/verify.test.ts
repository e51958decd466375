// @vitest-environment node
/**
 * `leitai verify BACKUP.json`: an intact backup is verified and its head printed; a changed
 * mark, a removed event, two swapped events and a changed recorded result are each detected.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupText, createBackup } from '../../../src/app/results/backup-file';
import { main } from '../../../src/cli/main.ts';
import { groupedHead } from '../../../src/cli/verify.ts';
import { type BackupFile, makeBackup } from '../../../src/domain/backup.ts';
import { resultOfRound } from '../../../src/domain/backup-verify.ts';
import { computeStandings } from '../../../src/domain/engine.ts';
import { foldEvents, type LeitaiEvent } from '../../../src/domain/events.ts';
import { assembleRoundInput, roundRowsOf } from '../../../src/domain/round-input.ts';
import { freshDb } from '../db/helpers';
import { loadDemo } from '../results/demo';
import { recordingIo } from './recording-io.ts';

let original: BackupFile;

beforeAll(async () => {
  const db = freshDb();
  const demo = await loadDemo(db);
  original = await createBackup(db, demo.competition.id, '2026-06-18T20:00:00.000Z');
  db.close();
});

async function verify(backup: BackupFile | string, ...options: string[]) {
  const { io, out } = recordingIo(() =>
    new TextEncoder().encode(typeof backup === 'string' ? backup : backupText(backup)),
  );
  const status = await main(['verify', 'backup.json', ...options], io);
  return { status, ...out };
}

const tampered = (change: (copy: BackupFile) => void) => {
  const copy = structuredClone(original);
  change(copy);
  return copy;
};

/** The index of a mark that counts in the winner's score: one of a judge the trim kept. */
function rankedMarkAt(backup: BackupFile): number {
  const projection = foldEvents(backup.events.map(({ event }) => event));
  const [round] = Object.values(projection.entities.rounds);
  const rows = round && roundRowsOf(projection, round.id);
  if (!rows) throw new Error('the demo has a round');
  const [winner] = computeStandings(assembleRoundInput(rows)).ranked;
  const kept = winner?.judgeTotals.find((total) => total.dropped === null);
  return backup.events.findIndex(
    ({ event }) =>
      event.type === 'mark.set' &&
      event.payload.contestantId === winner?.id &&
      event.payload.judgeId === kept?.judge,
  );
}

describe('leitai verify', () => {
  it('verifies an intact backup and prints its head', async () => {
    const run = await verify(original);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('哈希链：完好');
    expect(run.stdout).toContain('轮次「市级决赛」：一致');
    expect(run.stdout).toContain('排名 10 人，评分中 3 人，不参加排名 0 人');
    expect(run.stdout).toContain(`链头（校验码）：${groupedHead(original.head)}`);
    expect(run.stdout).toContain(original.head);
    expect(run.stdout).toMatch(/结论：一致。/);
  });

  it('speaks English with --lang en', async () => {
    const run = await verify(original, '--lang', 'en');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Round “市级决赛”: MATCH');
    expect(run.stdout).toContain('Verdict: VERIFIED.');
  });

  it('detects a changed mark: its link, and the results it changes', async () => {
    const at = rankedMarkAt(original);
    const run = await verify(
      tampered((copy) => {
        const entry = copy.events[at];
        if (entry?.event.type !== 'mark.set' || entry.event.payload.value === null) throw new Error('a mark');
        entry.event.payload.value -= 500;
      }),
    );
    expect(run.status).toBe(1);
    expect(run.stdout).toContain(
      `第 ${at + 1} 条事件（${original.events[at]?.event.id}）与哈希链不符：内容被改动过`,
    );
    expect(run.stdout).toContain('轮次「市级决赛」：不一致');
    expect(run.stdout).toMatch(/：记录为 第 1 名 [\d.]+ 分/);
    expect(run.stdout).toContain('结论：不一致。');
  });

  it('detects a removed event', async () => {
    const at = rankedMarkAt(original);
    const removed = original.events[at]?.event as LeitaiEvent;
    const run = await verify(
      tampered((copy) => {
        copy.events.splice(at, 1);
      }),
    );
    expect(run.status).toBe(1);
    expect(run.stdout).toContain(
      `设备 ${removed.deviceId} 缺少第 ${removed.deviceSeq}–${removed.deviceSeq} 条事件：事件被删除`,
    );
    expect(run.stdout).toContain('与哈希链不符');
    expect(run.stdout).toContain('结论：不一致。');
  });

  it('detects two swapped events', async () => {
    const run = await verify(
      tampered((copy) => {
        const [a, b] = [copy.events[20], copy.events[21]] as [
          BackupFile['events'][0],
          BackupFile['events'][0],
        ];
        copy.events[20] = b;
        copy.events[21] = a;
      }),
    );
    expect(run.status).toBe(1);
    expect(run.stdout).toContain(
      `第 22 条事件（${original.events[20]?.event.id}）位置不对：事件被调换或插入`,
    );
    expect(run.stdout).not.toContain('事件被删除');
    expect(run.stdout).toContain('结论：不一致。');
  });

  it('detects a changed recorded result', async () => {
    const run = await verify(
      tampered((copy) => {
        const [result] = copy.results;
        if (result?.outcome !== 'standings') throw new Error('standings');
        const [first, second] = result.standings.standings;
        if (!first || !second) throw new Error('two ranked');
        [first.id, second.id] = [second.id, first.id];
      }),
    );
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('哈希链：完好');
    expect(run.stdout).toContain('轮次「市级决赛」：不一致');
    expect(run.stdout.match(/：记录为 第 [12] 名/g)).toHaveLength(2);
  });

  it('shows a forger who rebuilt the chain by a head that differs from the printed one', async () => {
    const at = rankedMarkAt(original);
    const events = original.events.map(({ event }) => structuredClone(event));
    const target = events[at];
    if (target?.type !== 'mark.set' || target.payload.value === null) throw new Error('a mark');
    target.payload.value -= 500;
    const projection = foldEvents(events);
    const forged = makeBackup({
      ...original,
      events,
      results: Object.values(projection.entities.rounds).map((round) => resultOfRound(projection, round)),
    });
    const run = await verify(forged);
    expect(run.status).toBe(0);
    expect(run.stdout).not.toContain(groupedHead(original.head));
    expect(run.stdout).toContain(groupedHead(forged.head));
  });

  it('refuses a file that is no backup, a newer one, and a damaged one', async () => {
    const foreign = await verify('{"criteria": []}');
    expect(foreign.status).toBe(1);
    expect(foreign.stdout).toBe('');
    expect(foreign.stderr).toMatch(/backup\.json 不是擂台赛事备份文件/);
    const newer = await verify(tampered((copy) => Object.assign(copy, { version: 2 })));
    expect(newer.stderr).toMatch(/更新版本的备份（第 2 版）/);
    const broken = await verify(backupText(original).slice(0, 500));
    expect(broken.stderr).toMatch(/不是有效的 JSON/);
    const shape = await verify(tampered((copy) => Object.assign(copy, { head: 'abc' })));
    expect(shape.stderr).toMatch(/已损坏：head 处不符合备份格式/);
  });
});

describe('the leitai command', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'leitai-verify-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('verifies a backup file from the command line', () => {
    const file = join(scratch, 'backup.json');
    writeFileSync(file, backupText(original));
    const cli = resolve(import.meta.dirname, '../../../src/cli/leitai.mjs');
    const run = spawnSync(process.execPath, [cli, 'verify', file], { encoding: 'utf8', timeout: 30_000 });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(original.head);
  });
});
