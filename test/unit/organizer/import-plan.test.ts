// @vitest-environment node
/** planImport: what an import would do, checked against the round's current list. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { guessHeaderRow, planImport } from '../../../src/app/organizer/import/plan';
import { TEMPLATE_ROWS } from '../../../src/app/organizer/import/template';
import { parseCsv, writeCsv } from '../../../src/domain/csv';
import type { ContestantStatus } from '../../../src/domain/model';
import { guessColumns } from '../../../src/domain/roster-import';

const STATUS_WORDS: Record<ContestantStatus, string> = {
  active: '参赛',
  withdrawn: '弃权',
  disqualified: '取消资格',
};

describe('guessHeaderRow', () => {
  it('skips a title line above the header', () => {
    expect(guessHeaderRow([['2026年报名表'], ['序号', '姓名'], ['1', '王伟']], 'contestants')).toBe(1);
    expect(
      guessHeaderRow(
        [
          ['甲', '乙'],
          ['丙', '丁'],
        ],
        'contestants',
      ),
    ).toBe(0);
  });
});

describe('planImport', () => {
  const text = fc.string({
    unit: fc.constantFrom('王', '伟', '村', ',', '"', '\n', ' ', 'a'),
    maxLength: 12,
  });
  const name = text.map((value) => value.trim()).filter((value) => value !== '' && value.length <= 40);
  const contestant = fc.record({
    name,
    unit: text.map((value) => value.trim()),
    topic: text.map((value) => value.trim()),
    status: fc.constantFrom<ContestantStatus>('active', 'withdrawn', 'disqualified'),
  });

  it('reads back whatever the template’s columns hold, through CSV, as the entries written', () => {
    fc.assert(
      fc.property(fc.array(contestant, { minLength: 1, maxLength: 15 }), (written) => {
        const header = TEMPLATE_ROWS.contestants[0] as readonly string[];
        const rows = [
          header,
          ...written.map((entry, index) => [
            String(index + 1),
            entry.name,
            entry.unit,
            entry.topic,
            STATUS_WORDS[entry.status],
          ]),
        ];
        const parsed = parseCsv(writeCsv(rows));
        if (!parsed.ok) throw new Error('the CSV written could not be read');
        const plan = planImport(
          parsed.rows,
          0,
          guessColumns(parsed.rows[0] ?? [], 'contestants'),
          'contestants',
          [],
        );
        expect(plan.errors).toEqual([]);
        expect(
          plan.entries.map(({ name, unit, topic, status, draw }) => ({ name, unit, topic, status, draw })),
        ).toEqual(
          written.map((entry, index) => ({
            ...entry,
            unit: entry.unit || null,
            topic: entry.topic || null,
            draw: index + 1,
          })),
        );
      }),
    );
  });

  it('never lets an imported order take one already given, and either imports every row or none', () => {
    const cell = fc.constantFrom('', '王伟', '李娜', '1', '2', '3', '十', '参赛', '请假');
    fc.assert(
      fc.property(
        fc.array(fc.array(cell, { minLength: 3, maxLength: 3 }), { maxLength: 10 }),
        fc.uniqueArray(fc.integer({ min: 1, max: 4 }), { maxLength: 3 }),
        (rows, taken) => {
          const existing = taken.map((draw) => ({ name: `已有${draw}`, draw }));
          const plan = planImport(rows, null, { name: 0, draw: 1, status: 2 }, 'contestants', existing);
          if (plan.errors.length > 0) expect(plan.entries).toEqual([]);
          else expect(plan.entries).toHaveLength(plan.rowCount);
          for (const entry of plan.entries) expect(taken).not.toContain(entry.draw);
          for (const finding of plan.errors) {
            if (finding.row !== null) expect(finding.row).toBeGreaterThanOrEqual(1);
            if (finding.row !== null) expect(finding.row).toBeLessThanOrEqual(rows.length);
          }
        },
      ),
    );
  });
});
