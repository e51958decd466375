// Issue 14's day, end to end: real Chromium on the built app and the real venue server process.
// On the host's laptop the organizer sets up a round from the 专家 + 领导 + 大众 template (the
// audience switched to 支持 / 不支持) and imports two experts and a leader with a 评委组 column; a
// second organizer device adds the contestants and draws. The judges score on tablets, five phones
// open the link the projector's QR code encodes and vote, the host opens and closes the window, a
// vote sent after closing is refused, the projector shows the tally and then the combined score,
// and that score equals `leitai score` (the CLI, a child process) on the same marks and votes.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commitDrawSeed, drawWithCommittedSeed } from '../../src/db/draw';
import { audienceTallyOf } from '../../src/db/queries/audience';
import { importRoster } from '../../src/db/roster';
import type { Hundredths } from '../../src/domain/model';
import type { ContestantRecord, JudgeRecord, RoundRecord } from '../../src/domain/records';
import { projectRoot } from '../../src/server/build-if-stale.mjs';
import { voteFromPhone } from './audience-phone';
import { RESULTS_DIR } from './harness';
import { type NodeDevice, nodeDevice } from './node-device';
import { claimOnHostConsole, venueWithChromium } from './venue-browser';
import { until } from './waiting';

const PASSWORD = '擂台密码2026';
const PHONE = { width: 390, height: 844 };
const TABLET = { width: 1280, height: 800 };
const WAIT = { timeoutMs: 90_000 };

const rig = venueWithChromium();
let laptop: NodeDevice | undefined;
let scratch: string;

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'leitai-day14-'));
});

afterAll(async () => {
  await laptop?.client.stop();
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

const errors = new Map<string, string[]>();

async function openPage(name: string, viewport: { width: number; height: number }, phone = false) {
  const { page } = await rig.openContext(name, { viewport, isMobile: phone, hasTouch: phone });
  errors.set(name, []);
  page.on('pageerror', (error) => errors.get(name)?.push(error.message));
  return page;
}

const text = async (page: Page, testId: string) =>
  (await page
    .getByTestId(testId)
    .textContent()
    .catch(() => null)) ?? '';

const key = (page: Page, name: string) =>
  page.getByRole('group', { name: '分数键盘' }).getByRole('button', { name, exact: true });

/** What each judge marks for the first contestant of the draw, criterion by criterion, in points. */
const SHEETS: Record<string, Record<string, number>> = {
  王专家: { content: 35.5, presence: 13, language: 17.5, ppt: 13, overall: 8.5 },
  李专家: { content: 34, presence: 12.5, language: 18, ppt: 12, overall: 8 },
  赵书记: { content: 37, presence: 14, language: 18.5, ppt: 13.5, overall: 9 },
};
const CRITERIA = ['content', 'presence', 'language', 'ppt', 'overall'];
/** The five phones' votes: 1 支持, 0 不支持. */
const VOTES = [1, 1, 0, 1, 1];

async function scoreOnTablet(page: Page, judge: JudgeRecord, name: string) {
  await page.goto(`/judge?code=${judge.joinCode}`);
  await page.getByRole('button', { name: '是我，开始评分' }).click();
  await page.getByRole('heading', { level: 2, name: new RegExp(name) }).waitFor({ timeout: 60_000 });
  const sheet = SHEETS[judge.name] as Record<string, number>;
  for (const criterion of CRITERIA) {
    for (const character of String(sheet[criterion]))
      await key(page, character === '.' ? '小数点' : character).click();
    await key(page, '确定 下一项').click();
  }
  await page.getByRole('button', { name: '提交评分表' }).click();
  await page
    .getByRole('dialog', { name: /确认提交/ })
    .getByRole('button', { name: '确认提交' })
    .click();
  await page.getByText('已提交，评分表已锁定').waitFor({ timeout: 60_000 });
}

const points = (value: Hundredths) => value / 100;

/** The round in the interchange format of `leitai score`: its settings as stored, and these marks. */
function interchangeOf(
  round: RoundRecord,
  judges: readonly JudgeRecord[],
  contestants: readonly ContestantRecord[],
  marks: readonly { judge: string; contestant: string; criterion: string; mark: number }[],
) {
  const { settings } = round;
  return {
    criteria: round.criteria.map((criterion) => ({
      id: criterion.id,
      label: criterion.label,
      max: points(criterion.max),
      points: points(criterion.points ?? criterion.max),
      step: points(criterion.step ?? 10),
    })),
    judges: judges.map((judge) => ({
      id: judge.id,
      name: judge.name,
      weight: points(judge.weight ?? 100),
      ...(judge.group ? { group: judge.group } : {}),
    })),
    contestants: contestants.map((contestant) => ({
      id: contestant.id,
      name: contestant.name,
      draw: contestant.draw ?? contestant.order,
    })),
    scores: marks,
    panel: settings.panel,
    level: settings.level,
    decimals: settings.decimals,
    rounding: settings.rounding,
    roundEachCriterion: settings.roundEachCriterion,
    minJudges: settings.minJudges,
    tieBreak: settings.tieBreak,
    awards: settings.awards,
    ...(settings.roundEachGroup !== undefined ? { roundEachGroup: settings.roundEachGroup } : {}),
    groups: (settings.groups ?? []).map((group) => ({
      id: group.id,
      label: group.label,
      weight: points(group.weight),
      criteria: group.criteria,
      ...(group.panel ? { panel: group.panel } : {}),
      ...(group.minJudges !== null ? { minJudges: group.minJudges } : {}),
    })),
  };
}

describe('issue 14: a day with rater groups and audience voting', () => {
  it('experts, a leader and five phones score a contestant; the projector’s combined score equals the CLI’s', async () => {
    // The host claims the venue server on the host console.
    const host = await openPage('host', { width: 1280, height: 800 });
    await claimOnHostConsole(host, rig.venue, PASSWORD);
    await until(
      async () => (await host.locator('.sync-status > summary').textContent())?.includes('在线') ?? false,
      'the host console online',
      WAIT,
    );

    // On the same laptop, the organizer makes the competition from the 专家 + 领导 + 大众 template:
    // two experts take the plain mean (too few to drop the highest and lowest), the audience
    // votes 支持 / 不支持 for up to 5 minutes.
    await host.goto('/organizer');
    await host.getByRole('button', { name: '新建赛事' }).click();
    await host.getByLabel('赛事名称').fill('2026年村书记擂台比武');
    await host.getByRole('radio', { name: /专家 \+ 领导 \+ 大众/ }).check();
    await host.getByRole('button', { name: '创建赛事' }).click();
    await host.getByRole('link', { name: '乡镇初赛' }).click();
    await host.getByLabel('第 1 组名称').waitFor();
    expect(await host.getByLabel('第 2 组名称').inputValue()).toBe('领导评委');
    await host.getByLabel('“专家评委”的分数怎样汇总').selectOption({ label: '平均分' });
    await host.getByRole('radio', { name: /支持 \/ 不支持/ }).check();
    await host.getByLabel('每次投票时长（秒）').fill('300');
    await host.getByRole('button', { name: '保存设置' }).click();
    await host.getByText('已保存', { exact: true }).waitFor();

    // The judges come from a spreadsheet with a 评委组 column, named by the groups' labels.
    await host.getByRole('link', { name: '评委', exact: true }).click();
    await host.getByRole('button', { name: '从 Excel/CSV 导入' }).click();
    const csv = join(scratch, '评委.csv');
    const rows = [
      ['姓名', '职务', '评委组'],
      ['王专家', '市委党校教授', '专家评委'],
      ['李专家', '市融媒体中心主任', '专家评委'],
      ['赵书记', '县委副书记', '领导评委'],
    ];
    await writeFile(csv, `\uFEFF${rows.map((row) => row.join(',')).join('\r\n')}\r\n`);
    await host.getByLabel('选择文件（.xlsx 或 .csv）').setInputFiles(csv);
    await host.getByRole('button', { name: '导入 3 位评委' }).click();
    await host.getByRole('heading', { name: '评委（3 位）' }).waitFor();

    // The contestants and the draw from a second organizer device, the laptop.
    laptop = await nodeDevice('laptop', rig.venue.httpUrl, { as: 'organizer', password: PASSWORD });
    const device = laptop;
    await device.client.start();
    let round: RoundRecord | undefined;
    let judges: JudgeRecord[] = [];
    await until(
      async () => {
        await device.client.syncNow();
        round = (await device.db.rounds.toArray()).find(
          (candidate) => candidate.audience?.mode === 'support' && candidate.audience.windowSeconds === 300,
        );
        judges = await device.db.judges.toArray();
        return round !== undefined && judges.length === 3;
      },
      'the round with its saved settings and its judges on the laptop',
      WAIT,
    );
    const saved = round as RoundRecord;
    const panel = Object.keys(SHEETS).map(
      (name) => judges.find((judge) => judge.name === name) as JudgeRecord,
    );
    expect(panel.map((judge) => [judge.group, judge.roundIds])).toEqual([
      ['expert', [saved.id]],
      ['expert', [saved.id]],
      ['leader', [saved.id]],
    ]);
    await importRoster(device.db, saved.id, {
      judges: [],
      contestants: [
        { name: '张三', unit: null, topic: '' },
        { name: '李四', unit: null, topic: '' },
      ],
    });
    // The draw (抽签) gives the order of appearance.
    await commitDrawSeed(device.db, saved.id, 'day14');
    const drawn = await drawWithCommittedSeed(device.db, saved.id);
    const onStage = drawn.find((contestant) => contestant.draw === 1) as ContestantRecord;
    const who = onStage.name;
    await device.client.syncNow();
    expect(device.client.getStatus().pending).toBe(0);

    // The projector joins with its code and shows the round.
    const projector = await openPage('projector', { width: 1920, height: 1080 });
    await projector.goto(`/projector?code=${rig.venue.projectorCode}`);
    await until(() => new URL(projector.url()).search === '', 'the projector joined', WAIT);
    await projector.goto(`/projector?round=${saved.id}`);

    // The host calls the first of the draw.
    await host.goto(`/stage?round=${saved.id}`);
    await host.getByRole('button', { name: `叫下一位：1号 ${who}` }).click({ timeout: 60_000 });
    await host
      .getByRole('dialog', { name: `叫号：1号 ${who}` })
      .getByRole('button', { name: '确认叫号' })
      .click();
    await host.getByRole('heading', { level: 2, name: `1号 ${who}` }).waitFor();

    // Two experts and the leader score on their own tablets.
    const tablets = await Promise.all(panel.map((judge) => openPage(`tablet ${judge.name}`, TABLET)));
    for (const [at, judge] of panel.entries()) await scoreOnTablet(tablets[at] as Page, judge, who);

    // The host opens voting; the projector shows the QR code and the countdown.
    await host.getByRole('button', { name: '开始投票（300 秒）' }).click();
    await until(
      async () => (await text(host, 'host-audience-status')).includes(`“${who}”投票中`),
      'the host console shows voting open',
      WAIT,
    );
    await until(
      async () => (await text(projector, 'projector-audience-time')).includes('剩余'),
      'the projector shows the countdown',
      WAIT,
    );
    const qr = projector.getByRole('img', { name: /^大众投票二维码：/ });
    const joinUrl = (await qr.getAttribute('data-join-url')) as string;
    expect(joinUrl).toBe(`${rig.venue.httpUrl}/v`);
    expect(await qr.getAttribute('aria-label')).toContain(joinUrl);

    // Five phones open the link the code holds and vote: four 支持, one 不支持.
    const phones: Page[] = [];
    for (const [index, vote] of VOTES.entries()) {
      const phone = await openPage(`phone ${index}`, PHONE, true);
      phones.push(phone);
      await phone.goto(joinUrl);
      await phone.getByRole('heading', { name: `为“${who}”投票` }).waitFor({ timeout: 60_000 });
      const choice = vote === 1 ? '支持' : '不支持';
      await phone.getByRole('button', { name: choice, exact: true }).click();
      await until(
        async () => (await text(phone, 'vote-mine')).includes(`已投票：${choice}`),
        `phone ${index} sees its vote`,
        WAIT,
      );
    }
    await (phones[0] as Page).screenshot({ path: join(RESULTS_DIR, 'day14-phone.png') });

    // The projector's tally, live.
    let tally = '';
    await until(
      async () => {
        tally = await text(projector, 'projector-audience-tally');
        return tally === '5 人已投票 · 支持率 80%';
      },
      () => `the projector's tally, showing "${tally}"`,
      WAIT,
    );
    await projector.screenshot({ path: join(RESULTS_DIR, 'day14-projector-tally.png') });
    // The voting card leaves the contestant's name and the clock in view, at 16:9 and at 4:3.
    for (const size of [
      { width: 1920, height: 1080 },
      { width: 1024, height: 768 },
    ]) {
      await projector.setViewportSize(size);
      const card = await projector.getByTestId('projector-audience').boundingBox();
      for (const selector of ['.pj-clock__digits', '.pj-contestant .pj-who__name']) {
        const box = await projector.locator(selector).boundingBox();
        const apart = !card || !box || box.x + box.width <= card.x || box.y + box.height <= card.y;
        expect(apart, `${selector} ${JSON.stringify(box)} under the card ${JSON.stringify(card)}`).toBe(true);
      }
    }
    await projector.screenshot({ path: join(RESULTS_DIR, 'day14-projector-tally-4x3.png') });
    await projector.setViewportSize({ width: 1920, height: 1080 });

    // The host closes the window. The phone that voted 不支持 then sends 支持: refused, and the
    // phone says voting has ended; the tally stays at five votes, four for.
    await host.getByRole('button', { name: '结束投票' }).click();
    await until(
      async () => (await host.getByTestId('host-audience-status').count()) === 0,
      'voting closed',
      WAIT,
    );
    const latePhone = phones[2] as Page;
    const late = await voteFromPhone(latePhone, { roundId: saved.id, contestantId: onStage.id, value: 1 });
    expect(late.status).toBe(409);
    expect(late.body.error?.code).toBe('votingClosed');
    await until(
      async () => (await latePhone.locator('.vote-status').textContent())?.includes('投票已结束') ?? false,
      'the phone says voting has ended',
      WAIT,
    );
    await latePhone.screenshot({ path: join(RESULTS_DIR, 'day14-phone-closed.png') });
    await until(
      async () => {
        await device.client.syncNow();
        return (await audienceTallyOf(device.db, saved.id, onStage.id)).votes === 5;
      },
      'the five votes on the laptop',
      WAIT,
    );
    expect(await audienceTallyOf(device.db, saved.id, onStage.id)).toEqual({
      votes: 5,
      supporters: 4,
      sum: 4,
    });

    // The host reveals; the projector shows each group's card and the combined score.
    const reveal = host.getByRole('region', { name: '公布成绩' }).getByRole('button', { name: '公布成绩' });
    await until(async () => reveal.isEnabled(), 'the reveal ready', WAIT);
    await reveal.click();
    await host
      .getByRole('dialog', { name: `公布 1号 ${who} 的成绩？` })
      .getByRole('button', { name: '确认公布' })
      .click();
    await projector.locator('[data-reveal-done="true"]').waitFor({ timeout: 90_000 });
    const shown = (await projector.locator('.pj-final__score').textContent()) as string;
    const cards = Object.fromEntries(
      await projector
        .locator('.pj-group')
        .evaluateAll((items) =>
          items.map((item) => [
            item.getAttribute('data-group'),
            item.querySelector('.pj-group__score')?.textContent ?? '',
          ]),
        ),
    ) as Record<string, string>;
    await projector.screenshot({ path: join(RESULTS_DIR, 'day14-projector-reveal.png') });

    // The CLI on the same marks: the judges' sheets and the phones' votes.
    const audienceGroup = (saved.audience as { groupId: string }).groupId;
    const criterionId = (saved.audience as { criterionId: string }).criterionId;
    const voters = VOTES.map((_, index) => ({
      id: `phone-${index}`,
      name: `观众${index + 1}`,
      group: audienceGroup,
    })) as unknown as JudgeRecord[];
    const marks = [
      ...panel.flatMap((judge) =>
        CRITERIA.map((criterion) => ({
          judge: judge.id,
          contestant: onStage.id,
          criterion,
          mark: (SHEETS[judge.name] as Record<string, number>)[criterion] as number,
        })),
      ),
      ...VOTES.map((vote, index) => ({
        judge: `phone-${index}`,
        contestant: onStage.id,
        criterion: criterionId,
        // A vote's mark is the criterion's full points for 支持, 0 for 不支持.
        mark: vote * points(saved.criteria.find((criterion) => criterion.id === criterionId)?.max ?? 0),
      })),
    ];
    const file = join(scratch, 'round.json');
    await writeFile(file, JSON.stringify(interchangeOf(saved, [...panel, ...voters], drawn, marks)));
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [join(projectRoot, 'src/cli/leitai.mjs'), 'score', file],
      { cwd: projectRoot },
    );
    const standings = JSON.parse(stdout) as {
      standings: { id: string; score: string; groups?: { id: string; score: string }[] }[];
    };
    const scored = standings.standings.find((row) => row.id === onStage.id);
    expect(scored?.score).toBe(shown);
    const byGroup = Object.fromEntries((scored?.groups ?? []).map((group) => [group.id, group.score]));
    expect(cards).toEqual({ expert: byGroup.expert, leader: byGroup.leader, public: '80%' });
    // The late 支持 did not count: 4 of 5 is the CLI's 0.80 of the vote's 1 point.
    expect(byGroup.public).toBe('0.80');
    expect(Object.fromEntries(errors)).toEqual(
      Object.fromEntries([...errors.keys()].map((name) => [name, []])),
    );
  }, 600_000);
});
