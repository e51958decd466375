/**
 * The 彩排 simulation, run in the organizer's tab: when the host calls a contestant of the
 * rehearsal round, the simulated judges' sheets arrive over the following seconds (./sheet-plan.ts),
 * each written through the normal repository functions as a simulated mark (the organizer's,
 * admitted by the server only in a rehearsal round). `speed` divides every delay (tests run it
 * fast); `timers` are injectable so that a test decides when time passes.
 */

import type { LeitaiDB } from '../../../db/database';
import { enterMark, submitSheet } from '../../../db/marks';
import { contestantById, judgesOfRound, judgesWhoSubmitted, roundById } from '../../../db/repository';
import type { StageCall } from '../../../db/stage';
import type { Id } from '../../../domain/model';
import { judgeHabits, type PlannedSheet, planSheets, seededRandom } from './sheet-plan';

export interface SimulationTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface SimulationOptions {
  db: LeitaiDB;
  roundId: Id;
  seed: number;
  /** 1: real time; 10: ten times faster. */
  speed?: number;
  timers?: SimulationTimers;
  /** A sheet could not be written (the round was wiped meanwhile, say): said, never thrown. */
  onError?: (error: unknown) => void;
}

const realTimers: SimulationTimers = {
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export class RehearsalSimulation {
  private readonly random: () => number;
  private habits: Map<Id, number> | null = null;
  private readonly handledCalls = new Set<Id>();
  private readonly markedContestants = new Set<Id>();
  private readonly timers: SimulationTimers;
  private readonly scheduled = new Set<unknown>();
  private writing: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(private readonly options: SimulationOptions) {
    this.random = seededRandom(options.seed);
    this.timers = options.timers ?? realTimers;
  }

  /**
   * The round's current call: a contestant not marked yet in this rehearsal gets the simulated
   * panel's sheets. A call seen before (a reload of the same state) does nothing.
   */
  async handleCall(call: StageCall | null): Promise<PlannedSheet[]> {
    if (this.stopped || !call || this.handledCalls.has(call.callId)) return [];
    this.handledCalls.add(call.callId);
    if (this.markedContestants.has(call.contestantId)) return [];
    const { db, roundId } = this.options;
    const round = await roundById(db, roundId);
    const contestant = await contestantById(db, call.contestantId);
    if (!round || contestant?.roundId !== roundId) return [];
    const judges = await judgesOfRound(db, roundId);
    this.habits ??= judgeHabits(judges, this.random);
    const planned = planSheets({
      criteria: round.criteria,
      judges,
      contestant,
      recusal: round.settings.recusal,
      ...(round.settings.groups ? { groups: round.settings.groups } : {}),
      callIndex: this.markedContestants.size,
      random: this.random,
      habits: this.habits,
    });
    // After a reload the same call comes again: sheets already in are not written twice.
    const submitted = await judgesWhoSubmitted(
      db,
      roundId,
      contestant.id,
      planned.map((sheet) => sheet.judgeId),
    );
    const sheets = planned.filter((sheet) => !submitted.has(sheet.judgeId));
    this.markedContestants.add(contestant.id);
    const speed = this.options.speed ?? 1;
    for (const sheet of sheets) {
      const handle = this.timers.setTimeout(() => {
        this.scheduled.delete(handle);
        this.writing = this.writing.then(() => this.writeSheet(contestant.id, sheet));
      }, sheet.delayMs / speed);
      this.scheduled.add(handle);
    }
    return sheets;
  }

  /** Resolves once every sheet whose time has come is written. */
  settled(): Promise<void> {
    return this.writing;
  }

  /** How many sheets are still to come. */
  get waiting(): number {
    return this.scheduled.size;
  }

  stop(): void {
    this.stopped = true;
    for (const handle of this.scheduled) this.timers.clearTimeout(handle);
    this.scheduled.clear();
  }

  private async writeSheet(contestantId: Id, sheet: PlannedSheet): Promise<void> {
    if (this.stopped) return;
    const { db, roundId } = this.options;
    const ref = { roundId, judgeId: sheet.judgeId, contestantId };
    try {
      for (const mark of sheet.marks) await enterMark(db, { ...ref, ...mark }, true);
      await submitSheet(db, ref, true);
    } catch (error) {
      this.options.onError?.(error);
    }
  }
}
