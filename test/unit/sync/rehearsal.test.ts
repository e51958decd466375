// @vitest-environment node
/**
 * 彩排 end to end (issue 12): the organizer starts a rehearsal of a real round; the host calls
 * each contestant of the rehearsal round, simulated judges mark them (one sheet late, one
 * outlier), the host reveals, the projector shows it; then "结束彩排并清除" wipes the rehearsal
 * from the server and every device, and the real round's events are byte-identical to what
 * they were before, on the server and on every device. A backup made afterwards verifies.
 */
import { describe, expect, it } from 'vitest';
import { RehearsalSimulation, type SimulationTimers } from '../../../src/app/organizer/rehearsal/simulation';
import { backupText, createBackup, readBackupText } from '../../../src/app/results/backup-file';
import type { LeitaiDB } from '../../../src/db/database';
import { enterMark, submitSheet } from '../../../src/db/marks';
import { purgeRehearsalRound } from '../../../src/db/purge';
import { startRehearsal } from '../../../src/db/rehearsal';
import { revealContestant } from '../../../src/db/reveal';
import { callContestant, readStageCall } from '../../../src/db/stage';
import { verifyBackupResults } from '../../../src/domain/backup-verify';
import { canonicalJson } from '../../../src/domain/chain';
import type { Id } from '../../../src/domain/model';
import { loginAsOrganizer } from '../../../src/sync/session';
import { PASSWORD, testServer } from '../server/helpers';
import { type Device, deviceDb, pushAndPull, serverEvents, setUpVenue } from './helpers';
import { MemoryNetwork } from './memory-network';

/** Time that passes only when the test says so. */
class ManualTimers implements SimulationTimers {
  private queue: { at: number; run: () => void; handle: number }[] = [];
  private now = 0;
  private next = 1;
  setTimeout(run: () => void, ms: number): unknown {
    const handle = this.next++;
    this.queue.push({ at: this.now + ms, run, handle });
    return handle;
  }
  clearTimeout(handle: unknown): void {
    this.queue = this.queue.filter((entry) => entry.handle !== handle);
  }
  /** Runs every timer in the order of its time (time jumps, nothing waits); returns their times. */
  async runAll(simulation: RehearsalSimulation): Promise<number[]> {
    const times: number[] = [];
    for (;;) {
      this.queue.sort((a, b) => a.at - b.at);
      const first = this.queue.shift();
      if (!first) return times;
      this.now = first.at;
      times.push(first.at);
      first.run();
      await simulation.settled();
    }
  }
}

/** The real round's events on a server or a device, serialised in one canonical text. */
function serialised(events: readonly { id: Id; roundId: Id | null }[], roundId: Id): string {
  return events
    .filter((event) => event.roundId === roundId)
    .sort((a, b) => (a.id < b.id ? -1 : 1))
    .map((event) => canonicalJson(event))
    .join('\n');
}

const deviceEvents = (db: LeitaiDB) => db.events.toArray();

describe('a rehearsal', { timeout: 120_000 }, () => {
  it('is rehearsed end to end with simulated judges, then wiped, leaving the real round byte-identical', async () => {
    const { core } = testServer();
    const network = new MemoryNetwork(core);
    const venue = await setUpVenue(network);
    const { organizer, judges, projector, seeded } = venue;
    const real = seeded.round;

    // The real round has marks already: a judge's submitted sheet, and a revealed contestant.
    const [judgeTablet] = judges;
    if (!judgeTablet) throw new Error('a judge tablet');
    const [, contestant] = seeded.contestants;
    for (const criterion of real.criteria) {
      await enterMark(judgeTablet.db, {
        roundId: real.id,
        judgeId: seeded.judges[0].id,
        contestantId: contestant.id,
        criterionId: criterion.id,
        value: criterion.max - 100,
      });
    }
    await submitSheet(judgeTablet.db, {
      roundId: real.id,
      judgeId: seeded.judges[0].id,
      contestantId: contestant.id,
    });
    await pushAndPull(judgeTablet);
    const hostDb = deviceDb();
    const hostTransport = network.transport('host');
    const host: Device = {
      name: 'host',
      db: hostDb,
      transport: hostTransport,
      session: await loginAsOrganizer(hostDb, hostTransport, PASSWORD),
    };
    await pushAndPull(host);
    await callContestant(host.db, { roundId: real.id, contestantId: contestant.id });
    const devices = [organizer, host, ...judges, projector];
    // Twice round: what one device sent reaches the ones that pulled before it.
    for (const device of [...devices, ...devices]) await pushAndPull(device);

    const before = {
      server: serialised(serverEvents(core), real.id),
      devices: await Promise.all(
        devices.map(async (device) => serialised(await deviceEvents(device.db), real.id)),
      ),
    };
    expect(before.server).not.toBe('');

    // 开始彩排.
    const rehearsal = await startRehearsal(organizer.db, real.id);
    expect(rehearsal).toMatchObject({
      rehearsalOf: real.id,
      competitionId: real.competitionId,
      criteria: real.criteria,
    });
    for (const device of devices) await pushAndPull(device);
    const rehearsalContestants = (
      await host.db.contestants.where('roundId').equals(rehearsal.id).toArray()
    ).sort((a, b) => a.order - b.order);
    expect(rehearsalContestants.map((each) => each.name)).toEqual(
      seeded.contestants.map((each) => each.name),
    );
    expect(rehearsalContestants.map((each) => each.id)).not.toContain(contestant.id);
    const simulatedPanel = await host.db.judges.where('roundIds').equals(rehearsal.id).toArray();
    expect(simulatedPanel.map((judge) => judge.name).sort()).toEqual(['模拟评委1', '模拟评委2', '模拟评委3']);

    const timers = new ManualTimers();
    const simulation = new RehearsalSimulation({
      db: organizer.db,
      roundId: rehearsal.id,
      seed: 2026,
      timers,
    });
    const plans = [];
    for (const called of rehearsalContestants) {
      // The host calls; the organizer's tab sees the call and the simulated sheets arrive.
      await callContestant(host.db, { roundId: rehearsal.id, contestantId: called.id });
      await pushAndPull(host);
      await pushAndPull(organizer);
      const planned = await simulation.handleCall(await readStageCall(organizer.db, rehearsal.id));
      plans.push(planned);
      // Over tens of seconds after the call: 15 to 45 s, a late sheet 90 to 120 s.
      for (const sheet of planned) {
        expect(sheet.delayMs).toBeGreaterThanOrEqual(sheet.late ? 90_000 : 15_000);
        expect(sheet.delayMs).toBeLessThanOrEqual(sheet.late ? 120_000 : 45_000);
      }
      expect(await timers.runAll(simulation)).toHaveLength(planned.length);
      await pushAndPull(organizer);
      await pushAndPull(host);
      // Every eligible simulated sheet is in: the host reveals, and the projector shows it.
      const sheets = await host.db.sheets.where('roundId').equals(rehearsal.id).toArray();
      expect(sheets.filter((sheet) => sheet.contestantId === called.id)).toHaveLength(planned.length);
      await revealContestant(host.db, { roundId: rehearsal.id, contestantId: called.id });
      await pushAndPull(host);
      await pushAndPull(projector);
      expect(
        (
          await projector.db.events
            .where('[roundId+type]')
            .equals([rehearsal.id, 'contestant.lock'])
            .toArray()
        ).map((event) => (event.payload as { contestantId: Id }).contestantId),
      ).toContain(called.id);
    }
    // 回避 as on the day: 张三 of 三工镇 is not marked by the simulated judge of 三工镇.
    expect(plans.map((planned) => planned.length)).toEqual([2, 3, 3]);
    // One late sheet on the first contestant called, one outlier on the second.
    expect(plans[0]?.filter((sheet) => sheet.late)).toHaveLength(1);
    expect(plans[1]?.filter((sheet) => sheet.outlier)).toHaveLength(1);
    const late = plans[0]?.find((sheet) => sheet.late);
    const onTime = plans[0]?.filter((sheet) => !sheet.late) ?? [];
    expect(late?.delayMs).toBeGreaterThan(Math.max(...onTime.map((sheet) => sheet.delayMs)));
    // The simulated marks never reached a real judge's tablet or the real round.
    for (const tablet of judges) {
      expect(await tablet.db.marks.where('roundId').equals(rehearsal.id).count()).toBe(0);
    }

    // 结束彩排并清除.
    simulation.stop();
    await purgeRehearsalRound(organizer.db, rehearsal.id);
    for (const device of [...devices, ...devices]) await pushAndPull(device);
    expect(
      serverEvents(core)
        .filter((event) => event.roundId === rehearsal.id)
        .map((event) => event.type),
    ).toEqual(['scope.purge']);
    for (const device of devices) {
      expect(await device.db.rounds.get(rehearsal.id)).toBeUndefined();
      expect(await device.db.contestants.where('roundId').equals(rehearsal.id).count()).toBe(0);
      expect(await device.db.judges.where('roundIds').equals(rehearsal.id).count()).toBe(0);
      expect(await device.db.marks.where('roundId').equals(rehearsal.id).count()).toBe(0);
      expect(await device.db.sheets.where('roundId').equals(rehearsal.id).count()).toBe(0);
      expect(
        (await device.db.events.where('roundId').equals(rehearsal.id).toArray()).map((event) => event.type),
      ).toEqual(['scope.purge']);
      expect(await device.db.outbox.count()).toBe(0);
    }

    // The real round's events: byte-identical on the server and on every device.
    expect(serialised(serverEvents(core), real.id)).toBe(before.server);
    for (const [index, device] of devices.entries()) {
      expect(serialised(await deviceEvents(device.db), real.id)).toBe(before.devices[index]);
    }

    // A backup made after the purge still verifies, chain and results.
    const read = readBackupText(
      backupText(await createBackup(organizer.db, real.competitionId, '2026-06-17T21:00:00.000Z')),
    );
    if (!read.ok) throw new Error(`refused: ${JSON.stringify(read.refusal)}`);
    expect(verifyBackupResults(read.backup).allMatch).toBe(true);
    expect(read.backup.competition.rounds.map((round) => round.id)).toEqual([real.id]);
  });
});

describe('the simulation', () => {
  it('writes nothing twice when the same call comes again after a reload', async () => {
    const { freshDb, seedRound } = await import('../db/helpers');
    const db = freshDb();
    const seeded = await seedRound(db);
    const rehearsal = await startRehearsal(db, seeded.round.id);
    const [called] = await db.contestants.where('roundId').equals(rehearsal.id).toArray();
    if (!called) throw new Error('the rehearsal has contestants');
    const call = await callContestant(db, { roundId: rehearsal.id, contestantId: called.id });
    const timers = new ManualTimers();
    const first = new RehearsalSimulation({ db, roundId: rehearsal.id, seed: 7, timers });
    const planned = await first.handleCall(call);
    await timers.runAll(first);
    expect(await db.sheets.where('roundId').equals(rehearsal.id).count()).toBe(planned.length);
    // The page is reloaded: a new simulation sees the same call.
    const errors: unknown[] = [];
    const again = new RehearsalSimulation({
      db,
      roundId: rehearsal.id,
      seed: 7,
      timers,
      onError: (error) => errors.push(error),
    });
    expect(await again.handleCall(call)).toEqual([]);
    expect(errors).toEqual([]);
  });
});
