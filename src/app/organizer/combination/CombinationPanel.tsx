/**
 * 总成绩（阶段合成）: which rounds of the competition count, with what weights, decimals,
 * rounding, tie-breaks and awards, with a live preview of the combined ranking from the rounds'
 * current standings. Each refusal is shown beside the field it names. A lazyPart of the
 * competition screen: the organizer page does not carry it.
 */

import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo, useState } from 'react';
import { setCombination } from '../../../db/combination';
import { RepositoryError } from '../../../db/errors';
import { stageInputsOf } from '../../../db/queries/combination';
import { realRoundsOf } from '../../../db/repository';
import {
  type CombinationTieBreakStep,
  type CombinedStandings,
  combineStages,
} from '../../../domain/combination';
import { CombinationRejectedError } from '../../../domain/combination-issues';
import { formatHundredths } from '../../../domain/decimal';
import type { RoundingMode } from '../../../domain/model';
import { byOrderThenId } from '../../../domain/order';
import type { CompetitionRecord } from '../../../domain/records';
import { CombinedTable } from '../../components/CombinedTable';
import { useDatabase } from '../../db-context';
import { useErrorText } from '../../i18n/error-text';
import { useUiStore } from '../../i18n/language';
import { useT } from '../../i18n/useT';
import { useLiveRead } from '../../live-read';
import { AwardsEditor } from '../settings/AwardsEditor';
import { TextField } from '../ui/TextField';
import { type CombinationForm, errorsOfIssues, type FormErrors, formOf, readForm } from './combination-form';

const ROUNDINGS: readonly { mode: RoundingMode; key: 'halfUp' | 'halfEven' | 'down' }[] = [
  { mode: 'half-up', key: 'halfUp' },
  { mode: 'half-even', key: 'halfEven' },
  { mode: 'down', key: 'down' },
];

export function CombinationPanel({ competition }: { competition: CompetitionRecord }) {
  const db = useDatabase();
  const rounds = useLiveQuery(
    async () => (await realRoundsOf(db, competition.id)).sort(byOrderThenId),
    [db, competition.id],
  );
  if (rounds === undefined) return null;
  return (
    <CombinationEditor
      key={rounds.map((round) => round.id).join()}
      competition={competition}
      rounds={rounds}
    />
  );
}

function CombinationEditor({
  competition,
  rounds,
}: {
  competition: CompetitionRecord;
  rounds: readonly { id: string; name: string }[];
}) {
  const db = useDatabase();
  const t = useT();
  const errorText = useErrorText();
  const lang = useUiStore((state) => state.lang);
  const inputs = useLiveRead(stageInputsOf, competition.id);
  const [form, setForm] = useState<CombinationForm>(() => formOf(competition.combination, rounds));
  const [notice, setNotice] = useState('');
  const [saveErrors, setSaveErrors] = useState<FormErrors>({});

  const { combination, errors: readErrors } = useMemo(() => readForm(form, t), [form, t]);
  const stageIds = combination?.stages.map((stage) => stage.roundId) ?? [];
  const preview = useMemo((): { standings: CombinedStandings | null; errors: FormErrors } => {
    if (!combination || !inputs) return { standings: null, errors: {} };
    try {
      return { standings: combineStages(combination, inputs), errors: {} };
    } catch (error) {
      if (!(error instanceof CombinationRejectedError)) throw error;
      const ids = combination.stages.map((stage) => stage.roundId);
      return { standings: null, errors: errorsOfIssues(error.issues, ids, lang) };
    }
  }, [combination, inputs, lang]);
  const errors: FormErrors = { ...saveErrors, ...preview.errors, ...readErrors };

  const change = (next: Partial<CombinationForm>) => {
    setForm((current) => ({ ...current, ...next }));
    setSaveErrors({});
    setNotice('');
  };
  const changeStage = (roundId: string, next: { included?: boolean; weight?: string }) =>
    change({ stages: form.stages.map((row) => (row.roundId === roundId ? { ...row, ...next } : row)) });
  const toggleStep = (step: CombinationTieBreakStep, on: boolean) =>
    change({ tieBreak: on ? [...form.tieBreak, step] : form.tieBreak.filter((each) => each !== step) });

  const save = async () => {
    if (!combination || Object.keys(errors).length > 0) {
      setNotice(t('combo.fixFirst'));
      return;
    }
    try {
      await setCombination(db, competition.id, combination);
      setNotice(t('combo.saved'));
    } catch (error) {
      if (error instanceof RepositoryError && error.reason.name === 'combinationRules') {
        setSaveErrors(errorsOfIssues(error.reason.params.issues, stageIds, lang));
        setNotice(t('combo.fixFirst'));
      } else setNotice(errorText(error));
    }
  };
  const remove = async () => {
    try {
      await setCombination(db, competition.id, null);
      setNotice(t('combo.removed'));
    } catch (error) {
      setNotice(errorText(error));
    }
  };

  if (rounds.length === 0) return <p className="notice">{t('combo.noRounds')}</p>;
  const counted = form.stages.filter((row) => row.included);
  const fullMarks = new Map(inputs?.map(({ round }) => [round.id, round]));
  return (
    <div className="org-combination">
      <p className="org-hint">{t('combo.explain')}</p>
      <fieldset className="org-choices">
        <legend>{t('combo.stages')}</legend>
        {form.stages.map((row) => (
          <div className="org-combination__stage" key={row.roundId}>
            <label className="org-check">
              <input
                type="checkbox"
                checked={row.included}
                onChange={(event) => changeStage(row.roundId, { included: event.target.checked })}
              />
              {t('combo.include', { round: row.roundName })}
            </label>
            {row.included && (
              <TextField
                label={t('combo.weight', { round: row.roundName })}
                hint={
                  fullMarks.has(row.roundId)
                    ? `${t('combo.weightHint')}；${t('combo.fullMarks', { points: fullMarksText(fullMarks.get(row.roundId)) })}`
                    : t('combo.weightHint')
                }
                value={row.weight}
                inputMode="decimal"
                onChange={(weight) => changeStage(row.roundId, { weight })}
                error={errors[`round:${row.roundId}:weight`]}
              />
            )}
            {errors[`round:${row.roundId}`] && <p className="org-error">{errors[`round:${row.roundId}`]}</p>}
          </div>
        ))}
        {errors.stages && <p className="org-error">{errors.stages}</p>}
      </fieldset>
      <TextField
        label={t('org.settings.decimals')}
        hint={t('org.settings.decimalsExplain')}
        value={form.decimals}
        inputMode="numeric"
        onChange={(decimals) => change({ decimals })}
        error={errors.decimals}
      />
      <fieldset className="org-choices">
        <legend>{t('org.settings.rounding')}</legend>
        {ROUNDINGS.map(({ mode, key }) => (
          <label className="org-check" key={mode}>
            <input
              type="radio"
              name={`combo-rounding-${competition.id}`}
              checked={form.rounding === mode}
              onChange={() => change({ rounding: mode })}
            />
            {t(`org.settings.rounding.${key}`)}
          </label>
        ))}
        {errors.rounding && <p className="org-error">{errors.rounding}</p>}
      </fieldset>
      <fieldset className="org-choices">
        <legend>{t('combo.tieBreak')}</legend>
        {[
          ...counted.map((row) => ({
            step: `stage:${row.roundId}` as const,
            label: t('combo.tieBreakStage', { round: row.roundName }),
          })),
          { step: 'exact' as const, label: t('combo.tieBreakExact') },
        ].map(({ step, label }) => {
          const at = form.tieBreak.indexOf(step);
          return (
            <label className="org-check" key={step}>
              <input
                type="checkbox"
                checked={at >= 0}
                onChange={(event) => toggleStep(step, event.target.checked)}
              />
              {at >= 0 ? `${at + 1}. ${label}` : label}
            </label>
          );
        })}
        {form.tieBreak.length === 0 && <p className="org-hint">{t('combo.tieBreakNone')}</p>}
        {errors.tieBreak && <p className="org-error">{errors.tieBreak}</p>}
      </fieldset>
      <AwardsEditor rows={form.awards} onChange={(awards) => change({ awards })} errors={errors} />
      <div className="org-actions">
        <button type="button" className="button" onClick={save}>
          {t('combo.save')}
        </button>
        {competition.combination && (
          <button type="button" className="button button--secondary" onClick={remove}>
            {t('combo.remove')}
          </button>
        )}
      </div>
      <p className="org-status" role="status">
        {notice}
      </p>
      <section className="org-preview" aria-label={t('combo.preview')} aria-live="polite">
        <h3>{t('combo.preview')}</h3>
        {preview.standings && (
          <CombinedTable standings={preview.standings} className="org-table org-table--preview" />
        )}
      </section>
    </div>
  );
}

/** M_s as the combination computes it: the group weights with groups, else the criteria's points. */
function fullMarksText(
  round:
    | { criteria: readonly { points: number }[]; settings: { groups?: readonly { weight: number }[] } }
    | undefined,
): string {
  const parts = round?.settings.groups ?? round?.criteria ?? [];
  const total = parts.reduce((sum, part) => sum + ('weight' in part ? part.weight : part.points), 0);
  return formatHundredths(total);
}
