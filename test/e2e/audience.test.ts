// 大众投票 with real Chromium on the built app and the real venue server: the host claims the
// server on the host console and opens voting for the contestant on stage; the projector shows
// the voting page's QR code; three phones (mobile viewport, each its own context) open the link
// it holds and vote; the projector's tally counts them; the host closes the window, and a vote
// sent after that is refused and changes nothing.
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { createCompetition } from '../../src/db/competitions';
import { audienceTallyOf } from '../../src/db/queries/audience';
import { importRoster } from '../../src/db/roster';
import { createRound } from '../../src/db/rounds';
import { callContestant } from '../../src/db/stage';
import { giveAudience, SUPPORT } from '../unit/audience/helpers';
import { voteFromPhone } from './audience-phone';
import { RESULTS_DIR } from './harness';
import { nodeDevice } from './node-device';
import { claimOnHostConsole, venueWithChromium } from './venue-browser';
import { until } from './waiting';

const PASSWORD = '擂台密码2026';
const PHONE = { width: 390, height: 844 };

const rig = venueWithChromium();

const openPage = async (name: string, phone = false): Promise<Page> =>
  (
    await rig.openContext(name, {
      viewport: phone ? PHONE : { width: 1280, height: 800 },
      isMobile: phone,
      hasTouch: phone,
    })
  ).page;

const text = async (page: Page, testId: string) =>
  (await page
    .getByTestId(testId)
    .textContent()
    .catch(() => null)) ?? '';

describe('audience voting in the browser', () => {
  it('the host opens voting, three phones vote, the projector counts them, a vote after closing is refused', async () => {
    // The host claims the server from the host console's sync panel.
    const host = await openPage('host');
    await claimOnHostConsole(host, rig.venue, PASSWORD);
    await until(
      async () => (await host.locator('.sync-status > summary').textContent())?.includes('在线') ?? false,
      'the host console online',
    );

    // The organizer's laptop sets up a round with audience voting (支持/不支持) and calls a contestant.
    const laptop = await nodeDevice('laptop', rig.venue.httpUrl, { as: 'organizer', password: PASSWORD });
    const competition = await createCompetition(laptop.db, { name: '2026年擂台比武' });
    const created = await createRound(laptop.db, {
      competitionId: competition.id,
      name: '决赛',
      criteria: [{ id: 'content', label: '内容', max: 4000 }],
    });
    const { contestants } = await importRoster(laptop.db, created.id, {
      judges: [],
      contestants: [
        { name: '张三', unit: null, topic: '' },
        { name: '李四', unit: null, topic: '' },
      ],
    });
    const round = await giveAudience(laptop.db, created, { ...SUPPORT, windowSeconds: 120 });
    const onStage = contestants[0] as { id: string; name: string };
    await callContestant(laptop.db, { roundId: round.id, contestantId: onStage.id });
    await laptop.client.start();
    await laptop.client.syncNow();
    expect(laptop.client.getStatus().pending).toBe(0);

    // The projector joins with its code, then shows the round.
    const projector = await openPage('projector');
    await projector.goto(`/projector?code=${rig.venue.projectorCode}`);
    await until(() => new URL(projector.url()).search === '', 'the projector joined');
    await projector.goto(`/projector?round=${round.id}`);

    // The host opens voting for the contestant on stage.
    await host.goto(`/stage?round=${round.id}`);
    await host.getByRole('button', { name: '开始投票（120 秒）' }).click();
    await until(
      async () => (await text(host, 'host-audience-status')).includes('“张三”投票中'),
      'the host console shows voting open',
    );

    // The projector shows the QR code of the voting page and the countdown.
    await until(
      async () => (await text(projector, 'projector-audience-time')).includes('剩余'),
      () => 'the projector shows the countdown',
    );
    const qr = projector.getByRole('img', { name: /^大众投票二维码：/ });
    const joinUrl = (await qr.getAttribute('data-join-url')) as string;
    expect(joinUrl).toBe(`${rig.venue.httpUrl}/v`);

    // Three phones open the link and vote: two 支持, one 不支持; one changes its mind first.
    const phones = await Promise.all([0, 1, 2].map((index) => openPage(`phone-${index}`, true)));
    for (const [index, phone] of phones.entries()) {
      await phone.goto(joinUrl);
      await phone.getByRole('heading', { name: '为“张三”投票' }).waitFor();
      const choice = index === 2 ? '不支持' : '支持';
      if (index === 0) await phone.getByRole('button', { name: '不支持', exact: true }).click();
      await phone.getByRole('button', { name: choice, exact: true }).click();
      await until(
        async () => (await text(phone, 'vote-mine')).includes(`已投票：${choice}`),
        `phone ${index} sees its vote`,
      );
      expect(
        await phone.getByRole('button', { name: choice, exact: true }).getAttribute('aria-pressed'),
      ).toBe('true');
    }
    await phones[0]?.screenshot({ path: join(RESULTS_DIR, 'audience-phone.png') });

    // The projector's tally moves live: three phones, 支持率 67%.
    let tally = '';
    await until(
      async () => {
        tally = await text(projector, 'projector-audience-tally');
        return tally === '3 人已投票 · 支持率 67%';
      },
      () => `the projector's tally, showing "${tally}"`,
    );
    await projector.screenshot({ path: join(RESULTS_DIR, 'audience-projector.png') });
    await until(
      async () => (await text(host, 'host-audience-tally')) === '已投 3 票 · 支持率 67%',
      'the host console’s tally',
    );

    // The host closes the window; a vote sent after that is refused and changes nothing.
    await host.getByRole('button', { name: '结束投票' }).click();
    await until(async () => (await host.getByTestId('host-audience-status').count()) === 0, 'voting closed');
    const late = await voteFromPhone(phones[2] as Page, {
      roundId: round.id,
      contestantId: onStage.id,
      value: 1,
    });
    expect(late.status).toBe(409);
    expect(late.body.error?.code).toBe('votingClosed');
    await until(
      async () => (await phones[2]?.locator('.vote-status').textContent())?.includes('投票已结束') ?? false,
      'the phone says voting has ended',
    );
    await laptop.client.syncNow();
    expect(await audienceTallyOf(laptop.db, round.id, onStage.id)).toEqual({
      votes: 3,
      supporters: 2,
      sum: 2,
    });
    await until(
      async () => (await projector.getByTestId('projector-audience').count()) === 0,
      'the QR code gone',
    );
    await laptop.client.stop();
  }, 180_000);
});
