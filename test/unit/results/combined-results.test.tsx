/** 总成绩 on the results screen and in the print view, for a competition with a combination. */
import { render, screen, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { DatabaseProvider } from '../../../src/app/db-context';
import { useUiStore } from '../../../src/app/i18n/language';
import ResultsPage from '../../../src/app/results/ResultsPage';
import { setCombination } from '../../../src/db/combination';
import type { LeitaiDB } from '../../../src/db/database';
import { seedTwoStages } from '../db/combination-seed';
import { freshDb } from '../db/helpers';

beforeEach(() => {
  useUiStore.setState({ lang: 'zh-CN' });
  vi.spyOn(window, 'scrollTo').mockImplementation(() => {});
});

function renderResults(db: LeitaiDB, address: string) {
  window.history.replaceState(null, '', address);
  return render(
    <DatabaseProvider db={db}>
      <ResultsPage />
    </DatabaseProvider>,
  );
}

async function combined() {
  const db = freshDb();
  const seeded = await seedTwoStages(db);
  await setCombination(db, seeded.competition.id, {
    stages: [
      { roundId: seeded.visit.id, weight: 4000 },
      { roundId: seeded.stage.id, weight: 6000 },
    ],
    decimals: 2,
    rounding: 'half-up',
    tieBreak: [],
    awards: [],
  });
  return { db, ...seeded };
}

const rowsOf = (table: HTMLElement) =>
  within(table)
    .getAllByRole('row')
    .map((row) => [...row.querySelectorAll('th, td')].map((cell) => cell.textContent).join('|'));

describe('the 总成绩 in the results', () => {
  it('shows a column per stage and the total under the round’s results', async () => {
    const { db, competition, stage } = await combined();
    renderResults(db, `/results?competition=${competition.id}&round=${stage.id}`);
    const section = (await screen.findByRole('heading', { name: '总排名' })).closest(
      'section',
    ) as HTMLElement;
    expect(rowsOf(await within(section).findByRole('table'))).toEqual([
      '名次|选手|现场观摩（40%）|擂台演讲（60%）|总分|奖项',
      '1|李四（榆树沟镇）|80.00|95.00|89.00|',
      '2|张三（三工镇）|90.00|80.00|84.00|',
    ]);
    expect(within(section).getByRole('button', { name: '导出总成绩（Excel）' })).toBeInTheDocument();
  });

  it('prints it as its own sheet, with how the total is made', async () => {
    const { db, competition, stage } = await combined();
    renderResults(db, `/results?competition=${competition.id}&round=${stage.id}&print=combined`);
    expect(await screen.findByRole('checkbox', { name: '总成绩（各阶段与总分）' })).toBeChecked();
    const sheet = (await screen.findByRole('heading', { name: '总排名' })).closest('article') as HTMLElement;
    expect(within(sheet).getByText('现场观摩得分 × 40% + 擂台演讲得分 × 60% = 总分')).toBeInTheDocument();
    expect(rowsOf(within(sheet).getByRole('table'))[1]).toBe('1|李四（榆树沟镇）|80.00|95.00|89.00|');
  });
});
