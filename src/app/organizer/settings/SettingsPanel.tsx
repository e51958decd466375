import { type FormEvent, type ReactNode, useMemo, useState } from 'react';
import { roundById, updateRound } from '../../../db/repository';
import { formatHundredths } from '../../../domain/decimal';
import type { PanelLevel, PanelRule, RoundingMode } from '../../../domain/model';
import { type RoundRecord, sameValue } from '../../../domain/records';
import { useDatabase } from '../../db-context';
import { useErrorText } from '../../i18n/error-text';
import { useUiStore } from '../../i18n/language';
import { useT } from '../../i18n/useT';
import { useLiveRead } from '../../live-read';
import { editedValues } from '../edited-values';
import { Choices } from '../ui/Choices';
import { TextField } from '../ui/TextField';
import { AudienceEditor } from './AudienceEditor';
import { AwardsEditor } from './AwardsEditor';
import { type AudienceForm, groupsWithAudience, sheetWithAudience } from './audience-form';
import { GroupsEditor } from './GroupsEditor';
import { blankGroupRow } from './groups-form';
import { HandSignatureSetting } from './HandSignatureSetting';
import { StandingsPreview } from './StandingsPreview';
import { formOf, readSettingsForm, type SettingsForm } from './settings-form';
import { TieBreakEditor } from './TieBreakEditor';

export function SettingsPanel({ roundId }: { roundId: string }) {
  const t = useT();
  const round = useLiveRead(roundById, roundId);
  if (round === undefined) return <p className="loading">{t('app.loading')}</p>;
  if (round === null) return <p className="org-error">{t('org.round.missing')}</p>;
  return <SettingsEditor key={round.id} round={round} />;
}

type SaveState =
  | { kind: 'idle' }
  | { kind: 'saving' }
  | { kind: 'saved' }
  | { kind: 'refused'; message: string };

/** Every scoring rule of the round, explained, checked as it is typed, previewed before saving. */
function SettingsEditor({ round }: { round: RoundRecord }) {
  const db = useDatabase();
  const t = useT();
  const errorText = useErrorText();
  const lang = useUiStore((state) => state.lang);
  const [form, setForm] = useState<SettingsForm>(() => formOf(round));
  // What the editor showed when it opened or last saved: saving sends only what changed since.
  const [opened, setOpened] = useState(() => ({
    settings: round.settings,
    timeLimitSeconds: round.timeLimitSeconds,
    overtime: round.overtime,
    criteria: round.criteria,
    audience: round.audience ?? null,
  }));
  const [save, setSave] = useState<SaveState>({ kind: 'idle' });
  const [tried, setTried] = useState(false);
  const read = useMemo(
    () => readSettingsForm(form, round.criteria, t, lang),
    [form, round.criteria, t, lang],
  );
  const { errors } = read;
  const errorCount = Object.keys(errors).length;
  // Compared field by field, not as text: a round saved elsewhere may list its keys in another order.
  const unsaved =
    read.settings !== null &&
    read.timing !== null &&
    !sameValue(
      [read.settings, read.timing.timeLimitSeconds, read.timing.overtime, read.criteria, read.audience],
      [round.settings, round.timeLimitSeconds, round.overtime, round.criteria, round.audience ?? null],
    );

  const change = (patch: Partial<SettingsForm>) => {
    setForm((current) => ({ ...current, ...patch }));
    setSave({ kind: 'idle' });
  };

  // Groups on: one group of the whole sheet, worth the sheet's points, scores as the round did.
  const toggleGroups = (on: boolean) => {
    if (!on) {
      // Voting needs groups: it goes with them, and so does its group.
      const groups = form.audience.on
        ? form.groups.filter((row) => row.id !== form.audience.groupId)
        : form.groups;
      change({ groupsOn: false, groups, audience: { ...form.audience, on: false, groupId: '' } });
      return;
    }
    const sheet = sheetWithAudience(round.criteria, { ...form.audience, on: false }, t);
    const points = sheet.reduce((sum, criterion) => sum + criterion.points, 0);
    const groups =
      form.groups.length > 0
        ? form.groups
        : [
            blankGroupRow(
              [],
              t('org.groups.expertLabel'),
              formatHundredths(points),
              sheet.map((criterion) => criterion.id),
            ),
          ];
    change({ groupsOn: true, groups });
  };

  const toggleAudience = (on: boolean) => {
    if (on) {
      const audience: AudienceForm = { ...form.audience, on: true };
      const sheet = sheetWithAudience(round.criteria, audience, t);
      const { groups, groupId } = groupsWithAudience(form.groups, form.groupsOn, sheet, audience, t);
      change({ groupsOn: true, groups, audience: { ...audience, groupId } });
      return;
    }
    const groups = form.groups.filter((row) => row.id !== form.audience.groupId);
    change({
      groups,
      groupsOn: form.groupsOn && groups.length > 0,
      audience: { ...form.audience, on: false, groupId: '' },
    });
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (!read.settings || !read.timing) return;
    setSave({ kind: 'saving' });
    try {
      const saving = {
        settings: read.settings,
        ...read.timing,
        criteria: read.criteria,
        audience: read.audience,
      };
      await updateRound(db, round.id, editedValues(opened, saving));
      setOpened(saving);
      setSave({ kind: 'saved' });
    } catch (error) {
      setSave({ kind: 'refused', message: errorText(error) });
    }
  };

  const panelOptions: { value: PanelRule['kind']; label: string; explain: string; extra?: ReactNode }[] = [
    {
      value: 'trimmed',
      label: t('org.settings.panel.trimmed'),
      explain: t('org.settings.panel.trimmedExplain'),
      extra: (
        <TextField
          label={t('org.settings.trimK')}
          value={form.trimK}
          onChange={(trimK) => change({ trimK })}
          error={errors.trimK}
          hint={t('org.settings.trimKHint')}
          inputMode="numeric"
          className="org-field--narrow org-field--nested"
        />
      ),
    },
    { value: 'mean', label: t('org.settings.panel.mean'), explain: t('org.settings.panel.meanExplain') },
    {
      value: 'median',
      label: t('org.settings.panel.median'),
      explain: t('org.settings.panel.medianExplain'),
    },
    {
      value: 'weighted',
      label: t('org.settings.panel.weighted'),
      explain: t('org.settings.panel.weightedExplain'),
    },
  ];
  const levelOptions: { value: PanelLevel; label: string; explain: string; extra?: ReactNode }[] = [
    { value: 'total', label: t('org.settings.level.total'), explain: t('org.settings.level.totalExplain') },
    {
      value: 'criterion',
      label: t('org.settings.level.criterion'),
      explain: t('org.settings.level.criterionExplain'),
      extra: (
        <label className="org-check org-field--nested">
          <input
            type="checkbox"
            checked={form.roundEachCriterion}
            onChange={(event) => change({ roundEachCriterion: event.target.checked })}
          />
          <span>
            <strong>{t('org.settings.roundEach')}</strong>
            <span className="org-hint">{t('org.settings.roundEachExplain')}</span>
          </span>
        </label>
      ),
    },
  ];
  const roundingOptions: { value: RoundingMode; label: string; explain: string }[] = [
    {
      value: 'half-up',
      label: t('org.settings.rounding.halfUp'),
      explain: t('org.settings.rounding.halfUpExplain'),
    },
    {
      value: 'half-even',
      label: t('org.settings.rounding.halfEven'),
      explain: t('org.settings.rounding.halfEvenExplain'),
    },
    {
      value: 'down',
      label: t('org.settings.rounding.down'),
      explain: t('org.settings.rounding.downExplain'),
    },
  ];

  return (
    <section aria-labelledby="org-settings-heading" className="org-settings">
      <h2 id="org-settings-heading">{t('org.settings.heading')}</h2>
      <div className="org-settings__layout">
        <form className="org-settings__form" onSubmit={submit} noValidate>
          <Choices
            legend={t('org.settings.panel')}
            name="panel"
            value={form.panel}
            options={panelOptions}
            onChange={(panel) => change({ panel })}
          />
          <Choices
            legend={t('org.settings.level')}
            name="level"
            value={form.level}
            options={levelOptions}
            onChange={(level) => change({ level })}
            error={errors.roundEachCriterion}
          />
          <fieldset className="org-choices">
            <legend>{t('org.settings.score')}</legend>
            <TextField
              label={t('org.settings.decimals')}
              value={form.decimals}
              onChange={(decimals) => change({ decimals })}
              error={errors.decimals}
              hint={t('org.settings.decimalsExplain')}
              inputMode="numeric"
              className="org-field--narrow"
            />
            <Choices
              legend={t('org.settings.rounding')}
              name="rounding"
              value={form.rounding}
              options={roundingOptions}
              onChange={(rounding) => change({ rounding })}
            />
          </fieldset>
          <GroupsEditor
            on={form.groupsOn}
            rows={form.groups}
            roundEachGroup={form.roundEachGroup}
            criteria={read.criteria}
            audience={form.audience.on ? form.audience : null}
            errors={errors}
            onToggle={toggleGroups}
            onChange={(groups) => change({ groups })}
            onRoundEachGroup={(roundEachGroup) => change({ roundEachGroup })}
          />
          <AudienceEditor
            audience={form.audience}
            groupLabel={form.groups.find((row) => row.id === form.audience.groupId)?.label ?? ''}
            error={errors.audienceWindow}
            onToggle={toggleAudience}
            onChange={(patch) => change({ audience: { ...form.audience, ...patch } })}
          />
          <fieldset className="org-choices">
            <legend>{t('org.settings.complete')}</legend>
            {form.groupsOn ? (
              <p className="org-hint">{t('org.groups.minJudgesPerGroup')}</p>
            ) : (
              <TextField
                label={t('org.settings.minJudges')}
                value={form.minJudges}
                onChange={(minJudges) => change({ minJudges })}
                error={errors.minJudges}
                hint={t('org.settings.minJudgesExplain')}
                inputMode="numeric"
                placeholder={t('org.settings.minJudgesAll')}
                className="org-field--narrow"
              />
            )}
          </fieldset>
          <TieBreakEditor
            steps={form.tieBreak}
            criteria={round.criteria}
            onChange={(tieBreak) => change({ tieBreak })}
            error={errors.tieBreak}
          />
          <AwardsEditor rows={form.awards} onChange={(awards) => change({ awards })} errors={errors} />
          <fieldset className="org-choices">
            <legend>{t('org.settings.time')}</legend>
            <TextField
              label={t('org.settings.timeLimit')}
              value={form.timeLimit}
              onChange={(timeLimit) => change({ timeLimit })}
              error={errors.timeLimit}
              hint={t('org.settings.timeLimitExplain')}
              placeholder={t('org.settings.noLimit')}
              className="org-field--narrow"
            />
            <label className="org-check">
              <input
                type="checkbox"
                checked={form.overtime}
                onChange={(event) => change({ overtime: event.target.checked })}
              />
              <span>
                <strong>{t('org.settings.overtime')}</strong>
                <span className="org-hint">{t('org.settings.overtimeExplain')}</span>
              </span>
            </label>
            {errors.overtime && <p className="org-error">{errors.overtime}</p>}
            {form.overtime && (
              <div className="org-row org-overtime">
                <TextField
                  label={t('org.settings.overtimeEvery')}
                  value={form.overtimeSeconds}
                  onChange={(overtimeSeconds) => change({ overtimeSeconds })}
                  error={errors.overtimeSeconds}
                  inputMode="numeric"
                  className="org-field--narrow"
                />
                <TextField
                  label={t('org.settings.overtimePoints')}
                  value={form.overtimePoints}
                  onChange={(overtimePoints) => change({ overtimePoints })}
                  error={errors.overtimePoints}
                  inputMode="decimal"
                  className="org-field--narrow"
                />
                <p className="org-overtime__sentence">
                  {read.timing?.overtime
                    ? t('org.settings.overtimeSentence', {
                        seconds: form.overtimeSeconds.trim(),
                        points: form.overtimePoints.trim(),
                      })
                    : ''}
                </p>
              </div>
            )}
          </fieldset>

          <div className="org-savebar">
            <button type="submit" className="button" disabled={save.kind === 'saving'}>
              {t('org.settings.save')}
            </button>
            <p role="status" className="org-savebar__status">
              {save.kind === 'saved' && <strong className="org-saved">{t('org.saved')}</strong>}
              {save.kind === 'idle' && errorCount === 0 && unsaved && t('org.unsaved')}
            </p>
            {tried && errorCount > 0 && (
              <p className="org-error" role="alert">
                {t('org.settings.fixErrors', { count: errorCount })}
              </p>
            )}
            {save.kind === 'refused' && (
              <p className="org-error" role="alert">
                {save.message}
              </p>
            )}
          </div>
        </form>
        <HandSignatureSetting round={round} />
        <StandingsPreview criteria={read.criteria} settings={read.settings} />
      </div>
    </section>
  );
}
