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
import { NameField, PersonField, PersonFormShell, usePersonForm } from './PersonForm';

export interface JudgeFormProps {
  roundId: Id;
  /** The judge to edit; absent to add one. */
  judge?: JudgeRecord;
  /** Names of the other judges of the round, for the duplicate warning. */
  otherNames: ReadonlySet<string>;
  onSaved: (judge: JudgeRecord) => void;
  onCancel: () => void;
}

type JudgeField = 'name' | 'title' | 'unit' | 'weight';

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

export function JudgeForm({ roundId, judge, otherNames, onSaved, onCancel }: JudgeFormProps) {
  const t = useT();
  const db = useDatabase();
  const form = usePersonForm<JudgeField>(
    {
      name: judge?.name ?? '',
      title: judge?.title ?? '',
      unit: judge?.unit ?? '',
      weight: formatHundredths(judge?.weight ?? 100),
    },
    problems,
    async (values, opened) => {
      const { weight: editedWeight, ...edited } = editedValues(judge ? opened : null, values);
      const weight = editedWeight === undefined ? null : checkWeight(editedWeight);
      onSaved(
        await putJudge(db, {
          ...(judge ? { id: judge.id } : {}),
          roundId,
          ...edited,
          weight: weight?.ok ? weight.value : undefined,
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
      </div>
    </PersonFormShell>
  );
}
