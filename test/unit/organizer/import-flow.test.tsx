/**
 * 从 Excel/CSV 导入, through the contestants and judges panels: file → preview → header row and
 * column mapping → every problem on its row → one all-or-nothing import.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { ContestantsPanel } from '../../../src/app/organizer/people/ContestantsPanel';
import { JudgesPanel } from '../../../src/app/organizer/people/JudgesPanel';
import { groupJoinCode } from '../../../src/domain/join-code';
import { freshDb, seedRound } from '../db/helpers';
import { renderWith } from './people-helpers';

const fixtures = join(import.meta.dirname, '../../fixtures/import');

async function xlsxFile(rows: (string | number | null)[][], name = '报名表.xlsx'): Promise<File> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('报名');
  for (const row of rows) sheet.addRow(row);
  const bytes = await workbook.xlsx.writeBuffer();
  return new File([bytes as ArrayBuffer], name, {
    type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  });
}

async function openImport(panel: 'contestants' | 'judges') {
  const db = freshDb();
  const seeded = await seedRound(db);
  const user = userEvent.setup();
  renderWith(
    db,
    panel === 'contestants' ? (
      <ContestantsPanel roundId={seeded.round.id} />
    ) : (
      <JudgesPanel roundId={seeded.round.id} />
    ),
  );
  await user.click(await screen.findByRole('button', { name: '从 Excel/CSV 导入' }));
  const region = screen.getByRole('region', { name: /从 Excel\/CSV 导入/ });
  return { db, user, region, ...seeded };
}

const previewRow = (region: HTMLElement, row: number) =>
  within(within(region).getByRole('table', { name: '文件内容预览' })).getByRole('row', {
    name: new RegExp(`^${row} `),
  });

describe('importing contestants from .xlsx', () => {
  it('guesses the header row and the columns, shows each problem on its row, and imports nothing while any remains', async () => {
    const { db, user, region } = await openImport('contestants');
    // The count of existing contestants comes with its own live read.
    expect(await within(region).findByText(/导入的选手添加在现有 3 位选手之后/)).toBeInTheDocument();
    const file = await xlsxFile([
      ['2026年昌吉市村党组织书记“擂台比武”报名表'],
      ['序号', '姓名', '单位', '演讲题目', '备注'],
      [1, '沙哈提别克', '庙尔沟乡', '发展庭院经济', ''],
      [2, '', '三工镇', '党建引领', '名字漏填'],
      ['二', '哈德尔', '阿什里乡', '守好一方水土', ''],
      [4, '沙哈提别克', '榆树沟镇', '路灯亮了', ''],
    ]);
    await user.upload(within(region).getByLabelText('选择文件（.xlsx 或 .csv）'), file);

    expect(
      await within(region).findByText('文件：报名表.xlsx · 编码：Excel 工作簿（.xlsx） · 4 行数据'),
    ).toBeInTheDocument();
    expect(within(region).getByRole('combobox', { name: '标题行' })).toHaveDisplayValue(/^第 2 行：序号/);
    expect(within(region).getByRole('combobox', { name: '姓名（必填）' })).toHaveDisplayValue('B 列：姓名');
    expect(within(region).getByRole('combobox', { name: '题目' })).toHaveDisplayValue('D 列：演讲题目');
    // 序号 is the sheet's row number, not the order of appearance: it is not imported as one.
    expect(within(region).getByRole('combobox', { name: '出场顺序' })).toHaveDisplayValue('（不导入）');
    expect(within(region).getByRole('combobox', { name: '状态' })).toHaveDisplayValue('（不导入）');

    const errors = within(region).getByRole('alert');
    expect(errors).toHaveTextContent('发现 1 处错误');
    expect(errors).toHaveTextContent('第 4 行 B 列：姓名不能为空');
    expect(previewRow(region, 4)).toHaveTextContent('姓名不能为空');
    expect(previewRow(region, 4)).toHaveClass('import-row--error');
    expect(previewRow(region, 3)).not.toHaveClass('import-row--error');
    expect(previewRow(region, 6)).toHaveTextContent('姓名“沙哈提别克”与第 3 行相同');
    const submit = within(region).getByRole('button', { name: '导入 4 位选手' });
    expect(submit).toBeDisabled();

    // Choosing the column as the order by hand checks it as one.
    await user.selectOptions(within(region).getByRole('combobox', { name: '出场顺序' }), 'A 列：序号');
    expect(within(region).getByRole('alert')).toHaveTextContent('发现 2 处错误');
    expect(within(region).getByRole('alert')).toHaveTextContent('第 5 行 A 列：出场顺序“二”应为正整数');
    expect(submit).toBeDisabled();
    expect(await db.contestants.count()).toBe(3);
  });

  it('imports every row in one write, after the existing list, and closes', async () => {
    const { db, user, region, round } = await openImport('contestants');
    const file = await xlsxFile([
      ['出场顺序', '姓名', '单位', '题目', '状态'],
      [2, '沙哈提别克', '庙尔沟乡', '发展庭院经济', '参赛'],
      [1, '潘金永', '三工镇', '党建引领', '弃权'],
    ]);
    await user.upload(within(region).getByLabelText('选择文件（.xlsx 或 .csv）'), file);
    await user.click(await within(region).findByRole('button', { name: '导入 2 位选手' }));
    expect(await screen.findByText('已导入 2 位选手')).toHaveRole('status');
    expect(screen.queryByRole('region', { name: /从 Excel\/CSV 导入/ })).not.toBeInTheDocument();
    const stored = await db.contestants.where('roundId').equals(round.id).sortBy('order');
    expect(stored.map(({ name, unit, draw, status, order }) => [name, unit, draw, status, order])).toEqual([
      ['张三', '三工镇', null, 'active', 1],
      ['李四', '榆树沟镇', null, 'active', 2],
      ['王五', '佃坝镇', null, 'active', 3],
      ['沙哈提别克', '庙尔沟乡', 2, 'active', 4],
      ['潘金永', '三工镇', 1, 'withdrawn', 5],
    ]);
  });

  it('leaves everything as it was when the repository refuses a row, and names the row', async () => {
    const { db, user, region } = await openImport('contestants');
    const file = await xlsxFile([
      ['姓名', '单位'],
      ['沙哈提别克', '庙尔沟乡'],
      ['潘金永', '乡'.repeat(101)],
    ]);
    await user.upload(within(region).getByLabelText('选择文件（.xlsx 或 .csv）'), file);
    const events = await db.events.count();
    await user.click(await within(region).findByRole('button', { name: '导入 2 位选手' }));
    const refusal = await within(region).findByText(/导入失败，没有导入任何数据/);
    expect(refusal.closest('[role="alert"]')).toHaveTextContent(
      '第 3 行：选手“潘金永”的单位不能超过 100 个字',
    );
    expect(await db.contestants.count()).toBe(3);
    expect(await db.events.count()).toBe(events);
  });

  it('says to save an old .xls file as .xlsx or .csv', async () => {
    const { region } = await openImport('contestants');
    // The picker offers .xlsx and .csv, but its "all files" choice lets an .xls through.
    const user = userEvent.setup({ applyAccept: false });
    await user.upload(
      within(region).getByLabelText('选择文件（.xlsx 或 .csv）'),
      new File([new Uint8Array([0xd0, 0xcf, 0x11, 0xe0])], '报名表.xls'),
    );
    expect(await within(region).findByRole('alert')).toHaveTextContent('另存为” .xlsx 或 .csv');
  });
});

describe('importing a GBK CSV as Chinese Excel saves it', () => {
  const gbk = () =>
    new File([readFileSync(join(fixtures, 'contestants-gbk.csv'))], '报名表.csv', { type: 'text/csv' });

  it('detects the encoding, imports it, and refuses it a second time because its orders are taken', async () => {
    const { db, user, region, round } = await openImport('contestants');
    await user.upload(within(region).getByLabelText('选择文件（.xlsx 或 .csv）'), gbk());
    expect(
      await within(region).findByText('文件：报名表.csv · 编码：GBK（GB18030） · 5 行数据'),
    ).toBeInTheDocument();
    expect(previewRow(region, 5)).toHaveTextContent('让村里的路“亮”起来');
    await user.click(within(region).getByRole('button', { name: '导入 5 位选手' }));
    await screen.findByText('已导入 5 位选手');
    const imported = (await db.contestants.where('roundId').equals(round.id).sortBy('order')).slice(3);
    expect(imported.map(({ name, draw }) => [name, draw])).toEqual([
      ['沙哈提别克', 1],
      ['潘金永', 2],
      ['哈德尔', 3],
      ['李桂芳', 4],
      ['赵建国', 5],
    ]);
    expect(imported[4]?.topic).toBe('一张蓝图绘到底, 干出新样子');

    await user.click(screen.getByRole('button', { name: '从 Excel/CSV 导入' }));
    const again = screen.getByRole('region', { name: /从 Excel\/CSV 导入/ });
    await user.upload(within(again).getByLabelText('选择文件（.xlsx 或 .csv）'), gbk());
    const errors = await within(again).findByRole('alert');
    expect(errors).toHaveTextContent('发现 5 处错误');
    expect(errors).toHaveTextContent('第 2 行 A 列：出场顺序 1 已被现有选手“沙哈提别克”使用');
    expect(within(again).getByText(/请核对（5 处/).parentElement).toHaveTextContent(
      '第 2 行 B 列：“沙哈提别克”已在名单中，请确认不是重复导入',
    );
    expect(within(again).getByRole('button', { name: '导入 5 位选手' })).toBeDisabled();
    await waitFor(async () => expect(await db.contestants.count()).toBe(8));
  });
});

describe('importing contestants with a 序号 column', () => {
  it('leaves them without an order of appearance', async () => {
    const { db, user, region, round } = await openImport('contestants');
    const file = await xlsxFile([
      ['序号', '姓名', '单位'],
      [1, '沙哈提别克', '庙尔沟乡'],
      [2, '潘金永', '三工镇'],
    ]);
    await user.upload(within(region).getByLabelText('选择文件（.xlsx 或 .csv）'), file);
    await user.click(await within(region).findByRole('button', { name: '导入 2 位选手' }));
    await screen.findByText('已导入 2 位选手');
    const imported = (await db.contestants.where('roundId').equals(round.id).sortBy('order')).slice(3);
    expect(imported.map(({ name, draw }) => [name, draw])).toEqual([
      ['沙哈提别克', null],
      ['潘金永', null],
    ]);
  });
});

describe('importing judges', () => {
  it("shows what the unit column maps to as each judge's 回避单位 and imports only once the organizer ticks it", async () => {
    const { db, user, region, round } = await openImport('judges');
    const csv = '姓名,工作单位\r\n刘芳,三工镇\r\n王建国,\r\n';
    await user.upload(
      within(region).getByLabelText('选择文件（.xlsx 或 .csv）'),
      new File([csv], 'judges.csv', { type: 'text/csv' }),
    );
    const check = await within(region).findByRole('region', { name: '请核对回避单位' });
    expect(check).toHaveTextContent('“B 列：工作单位”将作为评委的回避单位');
    const table = within(check).getByRole('table', { name: '导入后的回避单位' });
    expect(within(table).getByRole('row', { name: '刘芳 三工镇' })).toBeInTheDocument();
    expect(within(table).getByRole('row', { name: '王建国 （无）' })).toBeInTheDocument();
    const submit = within(region).getByRole('button', { name: '导入 2 位评委' });
    expect(submit).toBeDisabled();
    expect(within(region).getByText('请先核对并勾选回避单位，再导入。')).toBeInTheDocument();
    await user.click(within(check).getByRole('checkbox', { name: '已核对：按上表导入回避单位' }));
    expect(submit).toBeEnabled();

    // Another mapping is another plan: checked again.
    await user.selectOptions(
      within(region).getByRole('combobox', { name: '姓名（必填）' }),
      'B 列：工作单位',
    );
    await user.selectOptions(within(region).getByRole('combobox', { name: '姓名（必填）' }), 'A 列：姓名');
    expect(within(region).getByRole('checkbox', { name: '已核对：按上表导入回避单位' })).not.toBeChecked();
    expect(submit).toBeDisabled();

    // Not importing the column: no 回避单位, nothing to check.
    await user.selectOptions(within(region).getByRole('combobox', { name: '单位（回避）' }), '（不导入）');
    expect(within(region).queryByRole('region', { name: '请核对回避单位' })).not.toBeInTheDocument();
    await user.click(submit);
    await screen.findByText('已导入 2 位评委');
    const judges = (await db.judges.where('roundIds').equals(round.id).sortBy('order')).slice(3);
    expect(judges.map(({ name, unit }) => [name, unit])).toEqual([
      ['刘芳', null],
      ['王建国', null],
    ]);
  });

  it('reads titles, units and weights, and gives each imported judge a join code', async () => {
    const { db, user, region, round } = await openImport('judges');
    const csv =
      '\uFEFF评委姓名,职务,单位,权重\r\n张主任,市委组织部部长,市委组织部,2\r\n刘老师,党校教授,,1.5\r\n';
    await user.upload(
      within(region).getByLabelText('选择文件（.xlsx 或 .csv）'),
      new File([csv], 'judges.csv', { type: 'text/csv' }),
    );
    expect(await within(region).findByText(/编码：UTF-8/)).toBeInTheDocument();
    expect(within(region).getByRole('combobox', { name: '权重' })).toHaveDisplayValue('D 列：权重');
    await user.click(within(region).getByRole('checkbox', { name: '已核对：按上表导入回避单位' }));
    await user.click(within(region).getByRole('button', { name: '导入 2 位评委' }));
    await screen.findByText('已导入 2 位评委');
    const judges = (await db.judges.where('roundIds').equals(round.id).sortBy('order')).slice(3);
    expect(judges.map(({ name, title, unit, weight }) => [name, title, unit, weight])).toEqual([
      ['张主任', '市委组织部部长', '市委组织部', 200],
      ['刘老师', '党校教授', null, 150],
    ]);
    const list = screen.getByRole('table', { name: '本赛事评委名单' });
    for (const judge of judges) {
      expect(judge.joinCode).toMatch(/^\d{8}$/);
      // The list follows the write through its own live read.
      expect(await within(list).findByText(groupJoinCode(judge.joinCode))).toBeInTheDocument();
    }
  });

  it('recognises a judge the competition already has instead of adding them twice', async () => {
    const { db, user, region, judges } = await openImport('judges');
    const csv = '\uFEFF姓名,职务,单位\r\n王评委,市委组织部,\r\n';
    await user.upload(
      within(region).getByLabelText('选择文件（.xlsx 或 .csv）'),
      new File([csv], 'judges.csv', { type: 'text/csv' }),
    );
    expect(
      (await within(region).findAllByText(/“王评委”已是本赛事的评委；单位也相同时，沿用原评委和评委码/))
        .length,
    ).toBeGreaterThan(0);
    await user.click(within(region).getByRole('button', { name: '导入 1 位评委' }));
    await screen.findByText('已导入 1 位评委');
    expect(await db.judges.count()).toBe(3);
    expect((await db.judges.get(judges[0].id))?.joinCode).toBe(judges[0].joinCode);
  });
});
