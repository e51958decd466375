/**
 * 评委: the competition's judges, shown from one of its rounds. Judges belong to the competition:
 * each has one join code (评委码) for the day, and the 评分轮次 checkboxes say which rounds
 * they score in (a tablet joined once follows its judge from round to round). Add, edit,
 * reorder and delete judges, import a list into this round, and hand out the codes. Codes from
 * before codes had eight digits are flagged, with 重新生成评委码 as the way to new ones.
 */
import { Fragment, useState } from 'react';
import { judgeKeyFingerprints } from '../../../db/queries/signing';
import { assignJudge, competitionById, RepositoryError } from '../../../db/repository';
import { formatHundredths } from '../../../domain/decimal';
import { groupJoinCode, isJoinCode, isOutdatedJoinCode } from '../../../domain/join-code';
import type { Id } from '../../../domain/model';
import type { JudgeRecord, RoundRecord } from '../../../domain/records';
import { useDatabase } from '../../db-context';
import type { MessageKey } from '../../i18n/messages';
import { useT } from '../../i18n/useT';
import { useLiveRead } from '../../live-read';
import { JoinQrCode } from '../../sync/JoinQrCode';
import { ImportPanel } from '../import/ImportPanel';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { competitionGroups, lacksGroup } from './groups';
import { JoinCodeCell } from './JoinCodeCell';
import { JoinCodeSheet, joinCodeText, printJoinCodes } from './JoinCodeSheet';
import { JudgeForm } from './JudgeForm';
import { usePeoplePanel } from './PeoplePanel';
import { repeatedNames, useCompetitionJudges, useCompetitionRounds, useRound } from './queries';
import { RenewJoinCodes } from './RenewJoinCodes';
import { RowActions } from './RowActions';
import './people.css';
import { useErrorText } from '../../i18n/error-text';

const PANEL_RULE_NAMES: Record<RoundRecord['settings']['panel']['kind'], MessageKey> = {
  mean: 'people.rule.mean',
  trimmed: 'people.rule.trimmed',
  median: 'people.rule.median',
  weighted: 'people.rule.weighted',
};

function WeightNote({ round }: { round: RoundRecord }) {
  const t = useT();
  const kind = round.settings.panel.kind;
  // With rater groups, weights count in any group whose own rule is the weighted mean.
  const weighted =
    kind === 'weighted' || (round.settings.groups ?? []).some((group) => group.panel?.kind === 'weighted');
  return (
    <p className="people-note">
      {weighted
        ? t('people.judges.weightsCount')
        : t('people.judges.weightsIgnored', { rule: t(PANEL_RULE_NAMES[kind]) })}
    </p>
  );
}

export function JudgesPanel({ roundId }: { roundId: Id }) {
  const t = useT();
  const errorText = useErrorText();
  const db = useDatabase();
  const round = useRound(roundId);
  const judges = useCompetitionJudges(round?.competitionId);
  const rounds = useCompetitionRounds(round?.competitionId);
  const fingerprints = useLiveRead(judgeKeyFingerprints, round?.competitionId);
  const {
    editing,
    status,
    setStatus,
    deleting,
    setDeleting,
    begin,
    finish,
    move,
    confirmDelete,
    otherNames,
  } = usePeoplePanel(roundId, 'judges', judges);
  /** The judge whose QR code is open under their row: the tablet scans it to join. */
  const [qrFor, setQrFor] = useState<Id | null>(null);

  if (round === null) return <p role="alert">{t('people.roundMissing')}</p>;
  if (round === undefined || judges === undefined || rounds === undefined) {
    return <p className="loading">{t('app.loading')}</p>;
  }
  const panelSize = judges.filter((judge) => judge.roundIds.includes(roundId)).length;
  const allGroups = competitionGroups(rounds);
  const groupLabel = new Map(allGroups.map((group) => [group.id, group.label]));
  /**
   * The 评委组 a judge can be put in: the groups of their rounds (of this round, for a new judge),
   * but not one the audience's phones vote as.
   */
  const groupsFor = (judge: JudgeRecord | undefined) =>
    competitionGroups(
      rounds.filter((each) => (judge ? judge.roundIds.includes(each.id) : each.id === roundId)),
    ).filter((group) => !group.audience);

  const repeated = repeatedNames(judges);
  // Only codes a tablet can join with go on paper or the clipboard.
  const handedOut = judges.filter((judge) => isJoinCode(judge.joinCode));
  const outdated = judges.filter((judge) => isOutdatedJoinCode(judge.joinCode)).length;
  const canCopy = typeof navigator !== 'undefined' && typeof navigator.clipboard?.writeText === 'function';

  /** 评分轮次: a refusal (the judge has marks in that round) is said in the status line. */
  const assign = async (judge: JudgeRecord, assignedRound: RoundRecord, assigned: boolean) => {
    try {
      await assignJudge(db, judge.id, assignedRound.id, assigned);
      setStatus(
        t(assigned ? 'people.judges.assigned' : 'people.judges.unassigned', {
          name: judge.name,
          round: assignedRound.name,
        }),
      );
    } catch (error) {
      if (!(error instanceof RepositoryError)) throw error;
      setStatus(errorText(error));
    }
  };

  const copyCodes = async () => {
    const competitionName = (await competitionById(db, round.competitionId))?.name ?? '';
    await navigator.clipboard.writeText(
      joinCodeText(competitionName, handedOut, t('people.joinCodes.sheetTitle')),
    );
    setStatus(t('people.joinCodes.copied', { count: handedOut.length }));
  };

  return (
    <section className="people-panel" aria-labelledby="judges-heading">
      <div className="people-panel__header">
        <h2 id="judges-heading">{t('people.judges.heading', { count: panelSize })}</h2>
        <div className="people-panel__actions">
          <button type="button" className="button" onClick={() => begin({ mode: 'add' })}>
            {t('people.judges.add')}
          </button>
          <button
            type="button"
            className="button button--secondary"
            onClick={() => begin({ mode: 'import' })}
          >
            {t('people.import.open')}
          </button>
          {handedOut.length > 0 && (
            <button type="button" className="button button--secondary" onClick={printJoinCodes}>
              {t('people.joinCodes.print')}
            </button>
          )}
          {handedOut.length > 0 && canCopy && (
            <button type="button" className="button button--secondary" onClick={copyCodes}>
              {t('people.joinCodes.copy')}
            </button>
          )}
          {judges.length > 0 && (
            <RenewJoinCodes
              competitionId={round.competitionId}
              judgeCount={judges.length}
              onRenewed={(count) => setStatus(t('people.joinCodes.renewed', { count }))}
            />
          )}
        </div>
      </div>
      {outdated > 0 && (
        <p className="people-warning" role="note">
          {t('people.joinCodes.outdatedNotice', { count: outdated })}
        </p>
      )}
      <p className="people-note">{t('people.judges.competitionNote', { count: judges.length })}</p>
      <WeightNote round={round} />
      <p className="people-status" role="status">
        {status}
      </p>

      {(editing.mode === 'add' || editing.mode === 'edit') && (
        <JudgeForm
          key={editing.mode === 'edit' ? editing.person.id : 'new'}
          roundId={roundId}
          judge={editing.mode === 'edit' ? editing.person : undefined}
          otherNames={otherNames(editing.mode === 'edit' ? editing.person : undefined)}
          groups={groupsFor(editing.mode === 'edit' ? editing.person : undefined)}
          onSaved={(judge) => finish(t('people.saved', { name: judge.name }))}
          onCancel={() => finish()}
        />
      )}
      {editing.mode === 'import' && (
        <ImportPanel
          roundId={roundId}
          kind="judges"
          onImported={(count) => finish(t('people.import.doneJudges', { count }))}
          onCancel={() => finish()}
        />
      )}

      {judges.length === 0 ? (
        editing.mode === 'none' && <p className="people-empty">{t('people.judges.empty')}</p>
      ) : (
        <div className="people-table-wrap">
          <table className="people-table">
            <caption className="visually-hidden">{t('people.judges.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('people.column.place')}</th>
                <th scope="col">{t('people.field.name')}</th>
                <th scope="col">{t('people.field.title')}</th>
                <th scope="col">{t('people.field.judgeUnit')}</th>
                <th scope="col">{t('people.field.weight')}</th>
                {allGroups.length > 0 && <th scope="col">{t('people.field.group')}</th>}
                <th scope="col">{t('people.column.rounds')}</th>
                <th scope="col">{t('people.column.joinCode')}</th>
                <th scope="col">{t('people.column.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {judges.map((judge, index) => (
                <Fragment key={judge.id}>
                  <tr>
                    <td>{index + 1}</td>
                    <th scope="row">
                      {judge.name}
                      {repeated.has(judge.name) && (
                        <span className="badge badge--warn">{t('people.sameName')}</span>
                      )}
                      {fingerprints?.get(judge.id)?.map((fingerprint) => (
                        <span key={fingerprint} className="people-key">
                          {t('people.judges.keyFingerprint', { fingerprint })}
                        </span>
                      ))}
                    </th>
                    <td>{judge.title}</td>
                    <td>{judge.unit}</td>
                    <td className="people-table__number">{formatHundredths(judge.weight)}</td>
                    {allGroups.length > 0 && (
                      <td>
                        {judge.group === undefined ? '' : (groupLabel.get(judge.group) ?? judge.group)}
                        {lacksGroup(judge, rounds) && (
                          <span
                            className="badge badge--warn"
                            title={t('people.judges.noGroupTitle', { name: judge.name })}
                          >
                            {t('people.judges.noGroup')}
                          </span>
                        )}
                      </td>
                    )}
                    <td>
                      <div className="people-rounds">
                        {rounds.map((each) => (
                          <label key={each.id} className="people-rounds__round">
                            <input
                              type="checkbox"
                              checked={judge.roundIds.includes(each.id)}
                              aria-label={t('people.judges.assignLabel', {
                                name: judge.name,
                                round: each.name,
                              })}
                              onChange={(event) => assign(judge, each, event.target.checked)}
                            />
                            {each.name}
                          </label>
                        ))}
                      </div>
                    </td>
                    <td>
                      <JoinCodeCell
                        judge={judge}
                        qrOpen={qrFor === judge.id}
                        onToggleQr={() => setQrFor(qrFor === judge.id ? null : judge.id)}
                      />
                    </td>
                    <td>
                      <RowActions
                        name={judge.name}
                        first={index === 0}
                        last={index === judges.length - 1}
                        onEdit={() => begin({ mode: 'edit', person: judge })}
                        onMove={(by) => move(index, by)}
                        onDelete={() => setDeleting(judge)}
                      />
                    </td>
                  </tr>
                  {qrFor === judge.id && isJoinCode(judge.joinCode) && (
                    <tr className="people-qr-row">
                      <td colSpan={allGroups.length > 0 ? 9 : 8}>
                        <p>{t('people.joinCodes.scanHowTo', { name: judge.name })}</p>
                        <p>
                          {t('people.joinCodes.orType')}
                          <span className="join-code join-code--large">{groupJoinCode(judge.joinCode)}</span>
                        </p>
                        <JoinQrCode code={judge.joinCode} judgeName={judge.name} />
                      </td>
                    </tr>
                  )}
                </Fragment>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <JoinCodeSheet competitionId={round.competitionId} judges={handedOut} fingerprints={fingerprints} />

      {deleting && (
        <ConfirmDialog
          title={t('people.judges.deleteTitle', { name: deleting.name })}
          confirmLabel={t('people.delete')}
          onConfirm={confirmDelete}
          onClose={() => setDeleting(null)}
        >
          <p>{t('people.judges.deleteBody', { name: deleting.name })}</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
