// @vitest-environment node
/**
 * `leitai verify` and the judges' signatures: a backup whose sheets were all signed on the
 * tablets verifies; a forged mark written straight into the log, with the hash chain and the
 * recorded results rebuilt so that both are consistent with it, is still named as a mark no valid
 * signature covers, and the announced results are said not to stand. A key registered by someone
 * other than the judge's own tablet is reported.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { backupText, createBackup } from '../../../src/app/results/backup-file';
import { main } from '../../../src/cli/main.ts';
import { enterMark } from '../../../src/db/marks';
import { submitSignedSheet } from '../../../src/db/signed-submit';
import { renewSigningKey } from '../../../src/db/signing-keys';
import { type BackupFile, makeBackup } from '../../../src/domain/backup.ts';
import { resultOfRound } from '../../../src/domain/backup-verify.ts';
import { foldEvents, type LeitaiEvent } from '../../../src/domain/events.ts';
import { encodeBase64, keyFingerprint, SIGNING_KEY_ALGORITHM } from '../../../src/domain/signing.ts';
import { freshDb, SECRETARY_SHEET, type SeededRound, seedRound } from '../db/helpers';
import { recordingIo } from './recording-io.ts';

const { subtle } = globalThis.crypto;

let signed: BackupFile;
let seeded: SeededRound;

/** 李四: the three judges' totals 60, 70, 80; 王五: 65.5, 70.5, 75.5 (张三 not marked). */
function markOf(contestant: number, judge: number, criterion: string): number {
  if (criterion === 'content') return contestant === 1 ? 2000 + judge * 1000 : 2500 + judge * 500;
  if (criterion === 'language' && contestant === 2) return 1050;
  return 1000;
}

beforeAll(async () => {
  const db = freshDb();
  seeded = await seedRound(db);
  for (const [judgeIndex, judge] of seeded.judges.entries()) {
    await renewSigningKey(db, judge.id, subtle);
    for (const contestantIndex of [1, 2]) {
      const sheet = {
        roundId: seeded.round.id,
        judgeId: judge.id,
        contestantId: seeded.contestants[contestantIndex]?.id as string,
      };
      for (const criterion of SECRETARY_SHEET) {
        const value = markOf(contestantIndex, judgeIndex, criterion.id);
        await enterMark(db, { ...sheet, criterionId: criterion.id, value });
      }
      await submitSignedSheet(db, sheet, subtle);
    }
  }
  signed = await createBackup(db, seeded.competition.id, '2026-12-04T20:00:00.000Z');
  db.close();
});

async function verify(backup: BackupFile, ...options: string[]) {
  const { io, out } = recordingIo(() => new TextEncoder().encode(backupText(backup)));
  const status = await main(['verify', 'backup.json', ...options], io);
  return { status, ...out };
}

/** The backup as a forger would leave it: these events, the chain and the results rebuilt on them. */
function forgedBackup(events: LeitaiEvent[]): BackupFile {
  const projection = foldEvents(events);
  return makeBackup({
    ...signed,
    events,
    results: Object.values(projection.entities.rounds).map((round) => resultOfRound(projection, round)),
  });
}

function eventsOf(backup: BackupFile): LeitaiEvent[] {
  return backup.events.map(({ event }) => structuredClone(event));
}

describe('leitai verify and the judges’ signatures', () => {
  it('verifies a backup whose every sheet is signed, and lists the keys', async () => {
    const run = await verify(signed);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('轮次「市级决赛」：6/6 份评分表已签名');
    expect(run.stdout).toContain('只按已签名的分数重新计算：与公布的成绩一致。');
    expect(run.stdout).toContain('所有计入成绩的分数都有评委的有效签名。');
    for (const judge of seeded.judges) expect(run.stdout).toContain(`  ${judge.name}：密钥 `);
    expect(run.stdout).not.toContain('没有有效签名的分数');
    expect(run.status).toBe(0);
  });

  it('names a forged mark written into the log with the chain rebuilt, and says the results do not stand', async () => {
    const events = eventsOf(signed);
    const original = events.find(
      (event): event is LeitaiEvent<'mark.set'> =>
        event.type === 'mark.set' &&
        event.payload.judgeId === seeded.judges[1].id &&
        event.payload.contestantId === seeded.contestants[1].id &&
        event.payload.criterionId === 'content',
    );
    if (!original) throw new Error('李评委 marked 李四’s 内容');
    const last = Math.max(...events.filter((e) => e.deviceId === original.deviceId).map((e) => e.deviceSeq));
    events.push({
      ...original,
      id: 'forged-mark',
      deviceSeq: last + 1,
      payload: { ...original.payload, value: 3500, revision: original.payload.revision + 1 },
    });
    const forged = forgedBackup(events);
    // What the forger rebuilt is consistent: the chain holds and the results follow from the log.
    const run = await verify(forged);
    expect(run.stdout).toContain('哈希链：完好');
    expect(run.stdout).toContain('轮次「市级决赛」：一致');
    expect(run.stdout).toContain('轮次「市级决赛」：5/6 份评分表已签名');
    expect(run.stdout).toContain('没有有效签名的分数：李评委 给 李四 的「内容」35 分（签名时为 30 分）');
    expect(run.stdout).toContain('只按已签名的分数重新计算：与公布的成绩不一致，公布的成绩不成立：');
    expect(run.stdout).toMatch(/李四：公布为 第 1 名 75\.00 分.*；按签名分数为 第 2 名 70\.00 分/);
    expect(run.stdout).toContain('结论：不一致。');
    expect(run.status).toBe(1);

    const english = await verify(forged, '--lang', 'en');
    expect(english.stdout).toContain('the announced results DO NOT STAND');
    expect(english.stdout).toContain(
      'Mark no valid signature covers: 李评委 gave 李四 35 on “内容” (30 when signed)',
    );
  });

  it('says which signature does not verify when a signed sheet is altered, and names its marks', async () => {
    const events = eventsOf(signed);
    const submit = events.find(
      (event): event is LeitaiEvent<'sheet.submit'> =>
        event.type === 'sheet.submit' &&
        event.payload.judgeId === seeded.judges[0].id &&
        event.payload.contestantId === seeded.contestants[2].id,
    );
    const signature = submit?.payload.signature;
    if (!signature) throw new Error('王评委 signed 王五’s sheet');
    // The signed marks themselves rewritten, the signature left as it was.
    signature.marks = signature.marks.map((mark) => ({ ...mark, value: mark.value + 100 }));
    const run = await verify(forgedBackup(events));
    expect(run.stdout).toContain('签名不成立：王评委 对 王五 的评分表（第 1 版）：签名无效');
    expect(run.stdout).toMatch(/没有有效签名的分数：王评委 给 王五 的「内容」25 分（签名无效）/);
    expect(run.stdout).toContain('结论：不一致。');
    expect(run.status).toBe(1);
  });

  it('reports a key registered by someone other than the judge’s own tablet, and a signature it makes', async () => {
    const pair = await subtle.generateKey(SIGNING_KEY_ALGORITHM, false, ['sign', 'verify']);
    const publicKey = encodeBase64(new Uint8Array(await subtle.exportKey('raw', pair.publicKey)));
    const fingerprint = keyFingerprint(publicKey) as string;
    const events = eventsOf(signed);
    const template = events.find((event) => event.type === 'judge.key.register') as LeitaiEvent;
    events.push({
      ...template,
      id: 'planted-key',
      deviceId: 'organizer-laptop',
      deviceSeq: 1,
      author: { role: 'organizer' },
      type: 'judge.key.register',
      payload: { judgeId: seeded.judges[0].id, deviceId: 'organizer-laptop', publicKey, fingerprint },
    } as LeitaiEvent);
    const run = await verify(forgedBackup(events));
    expect(run.stdout).toContain(
      `密钥 ${fingerprint}（设备 organizer-laptop），未经服务器登记：不是该评委的平板登记的`,
    );
    expect(run.stdout).toContain('结论：不一致。');
    expect(run.status).toBe(1);
  });
});
