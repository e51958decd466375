/**
 * `leitai verify BACKUP.json`: the supervisor's independent check of a competition backup.
 * It checks the file (src/domain/backup.ts, events with the strict validator the server applies),
 * the hash chain, and recomputes every round from the raw events with the engine
 * (src/domain/backup-verify.ts), then prints a report and the chain's head, to be compared with
 * the head printed on the signed sheets. 'verified' only when everything matches.
 */
import type { BackupChainProblem, BackupFile, BackupRefusal, RecordedRound } from '../domain/backup.ts';
import { checkBackup, checkBackupChain } from '../domain/backup.ts';
import {
  type PlacingDifference,
  type RoundVerdict,
  type SignaturesVerdict,
  verifyBackupResults,
  verifyBackupSignatures,
} from '../domain/backup-verify.ts';
import { buildChain } from '../domain/chain.ts';
import { formatHundredths } from '../domain/decimal.ts';
import { foldEvents, type Projection } from '../domain/events.ts';
import { describeIssue } from '../domain/issue-texts.ts';
import type { Language } from '../domain/issues.ts';
import type { RegisteredKey, UncoveredMark } from '../domain/signing-checks.ts';
import type { CliIo } from './io.ts';
import { say } from './messages.ts';
import { Refusal, readJsonFile } from './read-file.ts';

export type VerifyOutcome = 'verified' | 'notVerified' | 'refused';

/** The head in groups of eight hex digits, as the printed sheets show it. */
export function groupedHead(head: string): string {
  return head.match(/.{1,8}/g)?.join(' ') ?? head;
}

function refusalLine(refusal: BackupRefusal, file: string, language: Language): string {
  switch (refusal.kind) {
    case 'foreign':
      return say('refusedForeign', language, { file });
    case 'newerVersion':
      return say('refusedNewer', language, { file, version: refusal.version });
    case 'badShape':
      return say('refusedShape', language, { file, path: refusal.path, problem: refusal.problem });
    case 'otherCompetition':
      return say('refusedOtherCompetition', language, { file, eventId: refusal.eventId });
    case 'duplicateEvent':
      return say('refusedDuplicate', language, { file, eventId: refusal.eventId });
  }
}

function chainProblemLine(problem: BackupChainProblem, language: Language): string {
  switch (problem.kind) {
    case 'linkMismatch':
      return say('chainLink', language, { number: problem.index + 1, eventId: problem.eventId });
    case 'outOfOrder':
      return say('chainOrder', language, { number: problem.index + 1, eventId: problem.eventId });
    case 'gap':
      return say('chainGap', language, {
        deviceId: problem.deviceId,
        from: problem.missingFrom,
        to: problem.missingTo,
      });
    case 'headMismatch':
      return say('chainHead', language, { expected: problem.expected, actual: problem.actual });
    case 'unlistedButPresent':
      return say('chainUnlisted', language, { deviceId: problem.deviceId, seq: problem.seq });
  }
}

function placingText(placing: PlacingDifference['recorded'], language: Language): string {
  if (!placing) return say('placingAbsent', language);
  if (placing.state === 'pending') return say('placingPending', language, { judges: placing.judges ?? 0 });
  if (placing.state === 'excluded') return say('placingExcluded', language, { status: placing.status ?? '' });
  return say('placingRanked', language, {
    rank: placing.rank ?? '',
    score: placing.score ?? '',
    exact: placing.exact ?? '',
    award: placing.award ?? say('noAward', language),
    judges: placing.judges ?? 0,
  });
}

function outcomeSummary(result: RecordedRound, language: Language): string {
  if (result.outcome === 'refused') {
    const issues = result.issues.map((found) => describeIssue(found, language)).join('；');
    return say('roundRefused', language, { issues });
  }
  const { standings, pending, excluded } = result.standings;
  return say('roundCounts', language, {
    ranked: standings.length,
    pending: pending.length,
    excluded: excluded.length,
  });
}

function roundLines(verdict: RoundVerdict, language: Language): string[] {
  const name = verdict.roundName;
  switch (verdict.status) {
    case 'match':
      return [say('roundMatch', language, { name, counts: outcomeSummary(verdict.recomputed, language) })];
    case 'notRecorded':
      return [
        say('roundNotRecorded', language, { name, counts: outcomeSummary(verdict.recomputed, language) }),
      ];
    case 'notInEvents':
      return [say('roundNotInEvents', language, { name })];
    case 'mismatch': {
      const lines = [say('roundMismatch', language, { name })];
      if (verdict.differences.length === 0) {
        lines.push(`  ${say('recordedAs', language, { text: outcomeSummary(verdict.recorded, language) })}`);
        lines.push(
          `  ${say('recomputedAs', language, { text: outcomeSummary(verdict.recomputed, language) })}`,
        );
      }
      for (const difference of verdict.differences) {
        lines.push(
          `  ${say('contestantDifference', language, {
            name: difference.name,
            recorded: placingText(difference.recorded, language),
            recomputed: placingText(difference.recomputed, language),
          })}`,
        );
      }
      return lines;
    }
  }
}

function keyState(key: RegisteredKey, language: Language): string {
  const states: string[] = [];
  if (key.retired) states.push(say('keyRetired', language));
  if (key.irregular === 'notByJudge') states.push(say('keyNotByJudge', language));
  if (key.irregular === 'otherDevice') states.push(say('keyOtherDevice', language));
  if (key.irregular === 'wrongFingerprint') states.push(say('keyWrongFingerprint', language));
  return states.join('');
}

function whyText(mark: Pick<UncoveredMark, 'why' | 'signedValue'>, language: Language): string {
  switch (mark.why) {
    case 'notSubmitted':
      return say('whyNotSubmitted', language);
    case 'unsigned':
      return say('whyUnsigned', language);
    case 'changed':
      return mark.signedValue === null
        ? say('whyNotInSignature', language)
        : say('whyChanged', language, { signed: formatHundredths(mark.signedValue) });
    case 'invalid':
      return say('whyInvalid', language);
    case 'unknownKey':
      return say('whyUnknownKey', language);
    case 'irregularKey':
      return say('whyIrregularKey', language);
  }
}

/** The signatures' part of the report: keys, signatures that do not hold, each round's marks. */
function signatureLines(verdict: SignaturesVerdict, projection: Projection, language: Language): string[] {
  const { entities } = projection;
  const judge = (id: string) => entities.judges[id]?.name ?? id;
  const contestant = (id: string) => entities.contestants[id]?.name ?? id;
  const criterion = (roundId: string, id: string) =>
    entities.rounds[roundId]?.criteria.find((each) => each.id === id)?.label ?? id;
  const lines = [say('signaturesTitle', language)];
  if (!verdict.inUse) return [...lines, say('signaturesNone', language)];
  for (const key of verdict.keys) {
    lines.push(
      say('signatureKey', language, {
        judge: judge(key.judgeId),
        fingerprint: key.fingerprint,
        device: key.deviceId,
        state: keyState(key, language),
      }),
    );
  }
  for (const bad of verdict.badSubmissions) {
    const { judgeId, contestantId, revision } = bad.event.payload;
    lines.push(
      say('badSignature', language, {
        judge: judge(judgeId),
        contestant: contestant(contestantId),
        revision,
        why: whyText({ why: bad.state as UncoveredMark['why'], signedValue: null }, language),
      }),
    );
  }
  for (const round of verdict.rounds) {
    lines.push(
      say('signedSheets', language, {
        name: round.roundName,
        signed: round.signed,
        submitted: round.submitted,
      }),
    );
    for (const mark of round.uncovered) {
      lines.push(
        say('uncoveredMark', language, {
          judge: judge(mark.judgeId),
          contestant: contestant(mark.contestantId),
          criterion: criterion(mark.roundId, mark.criterionId),
          value: formatHundredths(mark.value),
          why: whyText(mark, language),
        }),
      );
    }
    if (round.stands) {
      lines.push(say('signedStands', language));
      continue;
    }
    lines.push(say('signedDoesNotStand', language));
    for (const difference of round.differences) {
      lines.push(
        `  ${say('signedDifference', language, {
          name: difference.name,
          recorded: placingText(difference.recorded, language),
          recomputed: placingText(difference.recomputed, language),
        })}`,
      );
    }
  }
  if (verdict.allSigned) lines.push(say('allMarksSigned', language));
  return lines;
}

async function report(
  backup: BackupFile,
  file: string,
  language: Language,
  subtle: SubtleCrypto,
): Promise<{ text: string; verified: boolean }> {
  const { competition } = backup;
  const chainProblems = checkBackupChain(backup);
  const results = verifyBackupResults(backup);
  const recomputedHead = buildChain(backup.events.map(({ event }) => event)).head;
  const devices = new Set(backup.events.map(({ event }) => event.deviceId)).size;
  const where = [competition.date, competition.venue].filter(Boolean).join(' · ');

  const lines = [
    say('title', language, { file }),
    say('competition', language, { name: competition.name, where: where ? `（${where}）` : '' }),
    say('exportedAt', language, { time: backup.exportedAt }),
    say('eventCount', language, { events: backup.events.length, devices }),
    '',
  ];
  if (chainProblems.length === 0) lines.push(say('chainIntact', language));
  else {
    lines.push(say('chainBroken', language, { count: chainProblems.length }));
    for (const problem of chainProblems) lines.push(`  ${chainProblemLine(problem, language)}`);
  }
  for (const run of backup.unlisted) {
    if (run.reason === 'notOnDevice') {
      lines.push(say('notOnDevice', language, { deviceId: run.deviceId, from: run.from, to: run.to }));
    }
  }
  lines.push('', say('head', language, { head: groupedHead(recomputedHead) }));
  lines.push(`  ${recomputedHead}`);
  if (recomputedHead !== backup.head)
    lines.push(say('headRecorded', language, { head: groupedHead(backup.head) }));
  lines.push(say('headCompare', language), '');

  if (!results.summaryMatches) lines.push(say('summaryMismatch', language));
  for (const verdict of results.rounds) lines.push(...roundLines(verdict, language));
  if (results.rounds.length === 0) lines.push(say('noRounds', language));

  const signatures = await verifyBackupSignatures(backup, subtle);
  const projection = foldEvents(backup.events.map(({ event }) => event));
  lines.push('', ...signatureLines(signatures, projection, language));

  const signed = !signatures.inUse || signatures.allSigned;
  const verified = chainProblems.length === 0 && results.allMatch && signed;
  lines.push('', say(verified ? 'verdictVerified' : 'verdictNotVerified', language));
  return { text: `${lines.join('\n')}\n`, verified };
}

/**
 * Verifies a backup file; the report on stdout, a file that is no usable backup on stderr.
 * Asynchronous: the judges' signatures are checked with WebCrypto (Node's `crypto.subtle`).
 */
export async function verifyBackup(file: string, io: CliIo, language: Language): Promise<VerifyOutcome> {
  const shownName = file === '-' ? say('stdinName', language) : file;
  try {
    const checked = checkBackup(readJsonFile(file, io, language));
    if (!checked.ok) {
      io.stderr(`leitai: ${refusalLine(checked.refusal, shownName, language)}\n`);
      return 'refused';
    }
    const { text, verified } = await report(checked.backup, shownName, language, globalThis.crypto.subtle);
    io.stdout(text);
    return verified ? 'verified' : 'notVerified';
  } catch (error) {
    if (error instanceof Refusal) io.stderr(`leitai: ${error.lines.join('\n')}\n`);
    else {
      const reason = error instanceof Error ? (error.stack ?? error.message) : String(error);
      io.stderr(`leitai: ${say('internalError', language, { reason })}\n`);
    }
    return 'refused';
  }
}
