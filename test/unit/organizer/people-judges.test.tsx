/** 评委 panel: the list with join codes, the form's checks, duplicates, delete, reorder, codes out. */
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { useUiStore } from '../../../src/app/i18n/language';
import { JudgesPanel } from '../../../src/app/organizer/people/JudgesPanel';
import { competitionScope, putEntities } from '../../../src/db/entities';
import { writeTransaction } from '../../../src/db/log';
import {
  createRound,
  enterMark,
  findJudgesByCode,
  putJudge,
  readProjection,
  refoldLog,
  updateRound,
} from '../../../src/db/repository';
import { groupJoinCode } from '../../../src/domain/join-code';
import { freshDb, SECRETARY_SHEET, seedRound } from '../db/helpers';
import { renderWith, seededPanel } from './people-helpers';

const setup = () => seededPanel(JudgesPanel, '评委（3 位）');

const rowOf = (name: string) => screen.getByRole('row', { name: new RegExp(name) });
const names = () =>
  screen
    .getAllByRole('row')
    .slice(1)
    .map((row) => within(row).getAllByRole('rowheader')[0]?.textContent);

describe('JudgesPanel', () => {
  it('lists the panel with each judge’s join code and says when weights matter', async () => {
    const { db, round, judges } = await setup();
    expect(names()).toEqual(['王评委', '李评委', '赵评委']);
    for (const judge of judges) {
      expect(judge.joinCode).toMatch(/^\d{8}$/);
      expect(within(rowOf(judge.name)).getByText(groupJoinCode(judge.joinCode))).toBeInTheDocument();
    }
    expect(screen.queryByRole('note')).not.toBeInTheDocument();
    expect(within(rowOf('赵评委')).getByText('三工镇')).toBeInTheDocument();
    expect(screen.getByText(/权重不影响成绩/)).toHaveTextContent('去掉最高分和最低分后平均');

    await updateRound(db, round.id, { settings: { ...round.settings, panel: { kind: 'weighted' } } });
    expect(await screen.findByText(/权重生效/)).toHaveTextContent('权重 2 的评委分量是权重 1 的两倍');
  });

  it('checks each field beside it and writes nothing until they are right', async () => {
    const { db, user } = await setup();
    await user.click(screen.getByRole('button', { name: '添加评委' }));
    const name = screen.getByRole('textbox', { name: '姓名' });
    const weight = screen.getByRole('textbox', { name: '权重' });
    await user.clear(weight);
    await user.type(weight, '0');
    await user.click(screen.getByRole('button', { name: '保存' }));
    expect(name).toHaveAccessibleDescription('请填写姓名');
    expect(name).toHaveAttribute('aria-invalid', 'true');
    expect(name).toHaveFocus();
    expect(weight).toHaveAccessibleDescription(expect.stringContaining('权重“0”应为大于 0 的数'));
    await user.clear(weight);
    await user.type(weight, '1.005');
    expect(weight).toHaveAccessibleDescription(expect.stringContaining('权重“1.005”'));
    expect(await db.judges.count()).toBe(3);

    await user.type(name, '孙部长');
    await user.type(screen.getByRole('textbox', { name: '职务/单位' }), '市委组织部副部长');
    await user.clear(weight);
    await user.type(weight, '2');
    await user.click(screen.getByRole('button', { name: '保存' }));
    expect(await screen.findByText('已保存：孙部长')).toHaveRole('status');
    const stored = (await db.judges.toArray()).find((judge) => judge.name === '孙部长');
    expect(stored).toMatchObject({ title: '市委组织部副部长', weight: 200, unit: null, order: 4 });
    const row = rowOf('孙部长');
    expect(within(row).getByText('2')).toBeInTheDocument();
    expect(stored?.joinCode).toMatch(/^\d{8}$/);
    expect(within(row).getByText(groupJoinCode(stored?.joinCode ?? 'missing'))).toHaveTextContent(
      /^\d{4} \d{4}$/,
    );
  });

  it('warns about a repeated name but saves it, and marks both rows', async () => {
    const { db, user } = await setup();
    await user.click(screen.getByRole('button', { name: '添加评委' }));
    const name = screen.getByRole('textbox', { name: '姓名' });
    await user.type(name, '王评委');
    expect(name).toHaveAccessibleDescription('已有同名评委，请确认不是重复录入');
    await user.click(screen.getByRole('button', { name: '保存' }));
    await screen.findByText('已保存：王评委');
    expect((await db.judges.toArray()).filter((judge) => judge.name === '王评委')).toHaveLength(2);
    expect(screen.getAllByText('同名')).toHaveLength(2);
  });

  it('edits a judge in place', async () => {
    const { db, user, judges } = await setup();
    await user.click(screen.getByRole('button', { name: '编辑 李评委' }));
    const unit = screen.getByRole('textbox', { name: '回避单位' });
    expect(screen.getByRole('textbox', { name: '职务/单位' })).toHaveValue('党校');
    await user.type(unit, '榆树沟镇');
    await user.click(screen.getByRole('button', { name: '保存' }));
    await screen.findByText('已保存：李评委');
    expect(await db.judges.get(judges[1].id)).toMatchObject({
      unit: '榆树沟镇',
      joinCode: judges[1].joinCode,
    });
  });

  it('saves only what the form changed, so another device’s edit made while it was open survives', async () => {
    const { db, user, round, judges } = await setup();
    await user.click(screen.getByRole('button', { name: '编辑 李评委' }));
    expect(screen.getByRole('textbox', { name: '职务/单位' })).toHaveValue('党校');
    // Another organizer device's edit of the title arrives while the form still shows 党校.
    await putJudge(db, { id: judges[1].id, roundId: round.id, title: '党校教授' });
    await user.type(screen.getByRole('textbox', { name: '回避单位' }), '榆树沟镇');
    await user.click(screen.getByRole('button', { name: '保存' }));
    await screen.findByText('已保存：李评委');
    expect(await db.judges.get(judges[1].id)).toMatchObject({ unit: '榆树沟镇', title: '党校教授' });
    const edits = (await db.events.toArray()).filter(
      (event) => event.type === 'entity.put' && 'fields' in event.payload,
    );
    expect(edits.map((event) => (event.payload as { fields: string[] }).fields).sort()).toEqual([
      ['title'],
      ['unit'],
    ]);
  });

  it('deletes after a confirmation, and refuses with the repository’s reason once a judge has marked', async () => {
    const { db, user, round, judges, contestants } = await setup();
    await enterMark(db, {
      roundId: round.id,
      judgeId: judges[0].id,
      contestantId: contestants[1].id,
      criterionId: 'content',
      value: 3500,
    });
    await user.click(screen.getByRole('button', { name: '删除 王评委' }));
    const dialog = screen.getByRole('alertdialog', { name: '删除评委 王评委？' });
    await user.click(within(dialog).getByRole('button', { name: '删除' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('评委“王评委”已经打分，不能删除');
    expect(await db.judges.count()).toBe(3);

    // After a refusal the dialog offers only to close.
    await user.click(within(dialog).getByRole('button'));
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: '删除 李评委' }));
    await user.click(
      within(screen.getByRole('alertdialog', { name: '删除评委 李评委？' })).getByRole('button', {
        name: '删除',
      }),
    );
    await screen.findByText('已删除：李评委');
    expect(names()).toEqual(['王评委', '赵评委']);
    expect(await db.judges.get(judges[1].id)).toBeUndefined();
  });

  it('moves a judge up and down the list', async () => {
    const { db, user, judges } = await setup();
    expect(screen.getByRole('button', { name: '上移 王评委' })).toBeDisabled();
    expect(screen.getByRole('button', { name: '下移 赵评委' })).toBeDisabled();
    await user.click(screen.getByRole('button', { name: '上移 赵评委' }));
    await waitFor(() => expect(names()).toEqual(['王评委', '赵评委', '李评委']));
    expect((await db.judges.get(judges[2].id))?.order).toBe(2);
    expect((await db.judges.get(judges[1].id))?.order).toBe(3);
  });

  it('speaks English when switched', async () => {
    await setup();
    act(() => useUiStore.setState({ lang: 'en' }));
    expect(screen.getByRole('heading', { name: 'Judges (3)' })).toBeInTheDocument();
    expect(screen.getByText(/weights do not change the results/)).toHaveTextContent(
      'mean without the highest and lowest',
    );
    expect(screen.getByRole('button', { name: 'Import from Excel/CSV' })).toBeInTheDocument();
  });

  it('copies and prints the list of join codes', async () => {
    const { user, judges } = await setup();
    await user.click(screen.getByRole('button', { name: '复制评委码' }));
    expect(await screen.findByText('已复制 3 位评委的评委码')).toBeInTheDocument();
    const copied = await navigator.clipboard.readText();
    expect(copied.split('\n')).toEqual([
      '2026年昌吉市村党组织书记“擂台比武” · 评委码',
      `1. 王评委（市委组织部）\t${groupJoinCode(judges[0].joinCode)}`,
      `2. 李评委（党校）\t${groupJoinCode(judges[1].joinCode)}`,
      `3. 赵评委（三工镇党委）\t${groupJoinCode(judges[2].joinCode)}`,
    ]);

    const print = vi.spyOn(window, 'print').mockImplementation(() => {
      expect(document.body).toHaveClass('print-join-codes');
    });
    await user.click(screen.getByRole('button', { name: '打印评委码' }));
    expect(print).toHaveBeenCalledOnce();
    window.dispatchEvent(new Event('afterprint'));
    expect(document.body).not.toHaveClass('print-join-codes');
    const sheet = document.querySelector('.join-code-sheet') as HTMLElement;
    expect(sheet).toHaveTextContent('2026年昌吉市村党组织书记“擂台比武” · 评委码');
    expect(sheet).toHaveTextContent('输入下面的 8 位评委码');
    for (const judge of judges) expect(sheet).toHaveTextContent(groupJoinCode(judge.joinCode));
  });

  it('shows a judge’s join QR code, linking the tablet to the judge screen with the code', async () => {
    const { user, judges } = await setup();
    const judge = judges[0] as (typeof judges)[number];
    const toggle = screen.getByRole('button', { name: `${judge.name}的评委二维码` });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await user.click(toggle);
    expect(toggle).toHaveAttribute('aria-expanded', 'true');
    const link = `${window.location.origin}/judge?code=${judge.joinCode}`;
    const qrRow = screen.getByRole('row', { name: new RegExp(`请${judge.name}用平板的相机扫描`) });
    const code = await within(qrRow).findByRole('img', { name: `评委 ${judge.name} 的加入二维码：${link}` });
    await waitFor(() => expect(code.querySelector('path')?.getAttribute('d')).toMatch(/^M\d/));
    expect(within(qrRow).getByText(link)).toBeInTheDocument();
    expect(within(qrRow).getByText(groupJoinCode(judge.joinCode))).toBeInTheDocument();
    await user.click(toggle);
    expect(
      screen.queryByRole('row', { name: new RegExp(`请${judge.name}用平板的相机扫描`) }),
    ).not.toBeInTheDocument();
  });

  it('flags six-digit codes and renews every code of the competition after a confirmation', async () => {
    const { db, user, round, judges } = await setup();
    // A competition set up before codes had eight digits, as its events wrote it.
    const old = judges.map((judge, index) => ({ ...judge, joinCode: `65432${index}` }));
    await writeTransaction(db, () => putEntities(db, 'judges', old, competitionScope(round.competitionId)));
    expect(await screen.findByRole('note')).toHaveTextContent(
      '评委码需要更新为8位：本赛事有 3 位评委的评委码还是旧的 6 位',
    );
    expect(within(rowOf('王评委')).getByText('旧码，已停用')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: '王评委的评委二维码' })).not.toBeInTheDocument();
    // Dead codes go on no paper.
    expect(screen.queryByRole('button', { name: '打印评委码' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: '复制评委码' })).not.toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: '重新生成评委码' }));
    const dialog = screen.getByRole('alertdialog', { name: '为本赛事 3 位评委重新生成评委码？' });
    expect(dialog).toHaveTextContent('已经登录的评委平板不受影响');
    await user.click(within(dialog).getByRole('button', { name: '取消' }));
    expect((await db.judges.get(judges[0].id))?.joinCode).toBe('654320');

    await user.click(screen.getByRole('button', { name: '重新生成评委码' }));
    await user.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: '重新生成' }));
    expect(await screen.findByText(/已为 3 位评委生成新的评委码/)).toHaveRole('status');
    await waitFor(() => expect(screen.queryByRole('note')).not.toBeInTheDocument());
    for (const judge of old) {
      const renewed = await db.judges.get(judge.id);
      expect(renewed?.joinCode).toMatch(/^\d{8}$/);
      expect(within(rowOf(judge.name)).getByText(groupJoinCode(renewed?.joinCode ?? ''))).toBeInTheDocument();
      expect(await findJudgesByCode(db, judge.joinCode)).toEqual([]);
    }
    expect(screen.getByRole('button', { name: '打印评委码' })).toBeInTheDocument();
    expect(await readProjection(db)).toEqual(await refoldLog(db));
  });

  it('says a code is not shown on this device rather than show an empty one', async () => {
    const { db, judges } = await setup();
    await db.judges.update(judges[1].id, { joinCode: '' }); // as the venue server sends it
    const row = rowOf('李评委');
    expect(await within(row).findByText('只在组织者的设备上显示')).toBeInTheDocument();
    expect(within(row).queryByRole('button', { name: '李评委的评委二维码' })).not.toBeInTheDocument();
    expect(screen.queryByRole('note')).not.toBeInTheDocument();
    const sheet = document.querySelector('.join-code-sheet') as HTMLElement;
    expect(sheet).not.toHaveTextContent('李评委');
  });

  it('lists the competition’s judges in every round, each assigned round by round', async () => {
    const db = freshDb();
    const { round, judges, contestants } = await seedRound(db);
    const final = await createRound(db, {
      competitionId: round.competitionId,
      name: '总决赛',
      criteria: SECRETARY_SHEET,
    });
    const user = userEvent.setup();
    renderWith(db, <JudgesPanel roundId={final.id} />);
    await screen.findByRole('row', { name: /王评委/ });
    expect(screen.getByRole('heading', { name: '评委（0 位）' })).toBeInTheDocument();
    expect(names()).toEqual(['王评委', '李评委', '赵评委']);
    expect(screen.getByText(/评委属于整个赛事（共 3 位）/)).toBeInTheDocument();

    const inFinal = screen.getByRole('checkbox', { name: '王评委 为“总决赛”评分' });
    expect(inFinal).not.toBeChecked();
    expect(screen.getByRole('checkbox', { name: '王评委 为“市级决赛”评分' })).toBeChecked();
    await user.click(inFinal);
    await screen.findByRole('heading', { name: '评委（1 位）' });
    expect(await screen.findByText('王评委 将为“总决赛”评分')).toHaveRole('status');
    expect((await db.judges.get(judges[0].id))?.roundIds).toEqual([round.id, final.id]);
    // The same code serves both rounds.
    expect(within(rowOf('王评委')).getByText(groupJoinCode(judges[0].joinCode))).toBeInTheDocument();

    // Marks given in a round keep the judge on it.
    await enterMark(db, {
      roundId: round.id,
      judgeId: judges[0].id,
      contestantId: contestants[1].id,
      criterionId: 'content',
      value: 3000,
    });
    await user.click(screen.getByRole('checkbox', { name: '王评委 为“市级决赛”评分' }));
    expect(await screen.findByText('评委“王评委”已在“市级决赛”打分，不能取消该轮次')).toHaveRole('status');
    expect((await db.judges.get(judges[0].id))?.roundIds).toEqual([round.id, final.id]);
    expect(screen.getByRole('checkbox', { name: '王评委 为“市级决赛”评分' })).toBeChecked();
    expect(await readProjection(db)).toEqual(await refoldLog(db));
  });
});
