/** Adding or editing one judge: every field checked beside itself, saved in one write. */
import { putJudge } from '../../../db/repository';
import { formatHundredths } from '../../../domain/decimal';
import type { Id } from '../../../domain/model';
import type { JudgeRecord } from '../../../domain/records';
import { useDatabase } from '../../db-context';
import { useT } from '../../i18n/useT';
import { editedValues } from '../edited-values';
import {
  checkLength,
  checkName,
  checkWeight,
  MAX_TEXT_LENGTH,
  MAX_UNIT_LENGTH,
  type Problem,
} from './checks';
import type { GroupChoice } from './groups';
import { NameField, PersonField, PersonFormShell, usePersonForm } from './PersonForm';

export interface JudgeFormProps {
  roundId: Id;
  /** The judge to edit; absent to add one. */
  judge?: JudgeRecord;
  /** Names of the other judges of the round, for the duplicate warning. */
  otherNames: ReadonlySet<string>;
  /** The 评委组 on offer: the groups of the judge's rounds; the field shows only when there are any. */
  groups: readonly GroupChoice[];
  onSaved: (judge: JudgeRecord) => void;
  onCancel: () => void;
}

type JudgeField = 'name' | 'title' | 'unit' | 'weight' | 'group';

function problems(values: Record<JudgeField, string>): Partial<Record<JudgeField, Problem>> {
  const found: Partial<Record<JudgeField, Problem | null>> = {
    name: checkName(values.name),
    title: checkLength(values.title, MAX_TEXT_LENGTH),
    unit: checkLength(values.unit, MAX_UNIT_LENGTH),
  };
  const weight = checkWeight(values.weight);
  if (!weight.ok) found.weight = weight.problem;
  return Object.fromEntries(Object.entries(found).filter(([, problem]) => problem)) as Partial<
    Record<JudgeField, Problem>
  >;
}

export function JudgeForm({ roundId, judge, otherNames, groups, onSaved, onCancel }: JudgeFormProps) {
  const t = useT();
  const db = useDatabase();
  const form = usePersonForm<JudgeField>(
    {
      name: judge?.name ?? '',
      title: judge?.title ?? '',
      unit: judge?.unit ?? '',
      weight: formatHundredths(judge?.weight ?? 100),
      group: judge?.group ?? '',
    },
    problems,
    async (values, opened) => {
      const {
        weight: editedWeight,
        group: editedGroup,
        ...edited
      } = editedValues(judge ? opened : null, values);
      const weight = editedWeight === undefined ? null : checkWeight(editedWeight);
      onSaved(
        await putJudge(db, {
          ...(judge ? { id: judge.id } : {}),
          roundId,
          ...edited,
          weight: weight?.ok ? weight.value : undefined,
          // '' is 不分组: the judge leaves their group.
          ...(editedGroup === undefined ? {} : { group: editedGroup === '' ? null : editedGroup }),
        }),
      );
    },
  );

  return (
    <PersonFormShell
      form={form}
      heading={judge ? t('people.judges.editHeading', { name: judge.name }) : t('people.judges.addHeading')}
      onCancel={onCancel}
    >
      <div className="person-form__fields">
        <NameField form={form} otherNames={otherNames} duplicateWarning="people.judges.duplicateName" />
        <PersonField
          form={form}
          field="title"
          label={t('people.field.title')}
          placeholder={t('people.field.titlePlaceholder')}
        />
        <PersonField
          form={form}
          field="unit"
          label={t('people.field.judgeUnit')}
          hint={t('people.field.judgeUnitHint')}
        />
        <PersonField
          form={form}
          field="weight"
          label={t('people.field.weight')}
          inputMode="decimal"
          hint={t('people.field.weightHint')}
        />
        {(groups.length > 0 || form.values.group !== '') && (
          <div className="field">
            <label htmlFor={`${form.id}-group`}>{t('people.field.group')}</label>
            <select
              id={`${form.id}-group`}
              value={form.values.group}
              onChange={form.set('group')}
              aria-describedby={`${form.id}-group-hint`}
            >
              <option value="">{t('people.field.groupNone')}</option>
              {groups.map((group) => (
                <option key={group.id} value={group.id}>
                  {group.label}
                </option>
              ))}
              {form.values.group !== '' && !groups.some((group) => group.id === form.values.group) && (
                <option value={form.values.group}>{form.values.group}</option>
              )}
            </select>
            <p id={`${form.id}-group-hint`} className="field__hint">
              {t('people.field.groupHint')}
            </p>
          </div>
        )}
      </div>
    </PersonFormShell>
  );
}
