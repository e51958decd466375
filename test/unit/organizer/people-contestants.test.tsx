/** 选手 panel: list, form checks, status, recusal hint, duplicates, delete refusal, reorder, photo limits. */
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { ContestantsPanel } from '../../../src/app/organizer/people/ContestantsPanel';
import { enterMark } from '../../../src/db/repository';
import { seededPanel } from './people-helpers';

const setup = () => seededPanel(ContestantsPanel, '选手（3 位）');

const rowOf = (name: string) => screen.getByRole('row', { name: new RegExp(name) });
const names = () =>
  screen
    .getAllByRole('row')
    .slice(1)
    .map((row) => within(row).getAllByRole('rowheader')[0]?.textContent);

describe('ContestantsPanel', () => {
  it('lists the contestants and says which judge recuses from whom', async () => {
    await setup();
    expect(names()).toEqual(['张三', '李四', '王五']);
    expect(within(rowOf('张三')).getByText('评委 赵评委 将回避')).toBeInTheDocument();
    expect(within(rowOf('李四')).queryByText(/回避/)).not.toBeInTheDocument();
    expect(within(rowOf('李四')).getByText('参赛')).toBeInTheDocument();
  });

  it('adds a contestant after checking the fields, with a duplicate-name warning', async () => {
    const { db, user } = await setup();
    await user.click(screen.getByRole('button', { name: '添加选手' }));
    const name = screen.getByRole('textbox', { name: '姓名' });
    await user.type(screen.getByRole('textbox', { name: '题目' }), '强'.repeat(201));
    await user.click(screen.getByRole('button', { name: '保存' }));
    expect(name).toHaveAccessibleDescription('请填写姓名');
    expect(screen.getByRole('textbox', { name: '题目' })).toHaveAccessibleDescription('不能超过 200 个字');
    expect(await db.contestants.count()).toBe(3);

    await user.type(name, '张三');
    expect(name).toHaveAccessibleDescription('已有同名选手，请确认不是重复录入');
    await user.clear(name);
    await user.type(name, '马六');
    expect(name).not.toHaveAccessibleDescription();
    await user.clear(screen.getByRole('textbox', { name: '题目' }));
    await user.type(screen.getByRole('textbox', { name: '题目' }), '庭院经济');
    await user.type(screen.getByRole('textbox', { name: '单位（村/乡镇）' }), '三工镇');
    await user.click(screen.getByRole('button', { name: '保存' }));
    await screen.findByText('已保存：马六');
    const stored = (await db.contestants.toArray()).find((contestant) => contestant.name === '马六');
    expect(stored).toMatchObject({
      unit: '三工镇',
      topic: '庭院经济',
      status: 'active',
      order: 4,
      draw: null,
    });
    // The list follows the write through its own live read.
    const added = await screen.findByRole('row', { name: /马六/ });
    expect(within(added).getByText('评委 赵评委 将回避')).toBeInTheDocument();
  });

  it('changes the status to 弃权', async () => {
    const { db, user, contestants } = await setup();
    await user.click(screen.getByRole('button', { name: '编辑 李四' }));
    await user.selectOptions(screen.getByRole('combobox', { name: '状态' }), '弃权');
    await user.click(screen.getByRole('button', { name: '保存' }));
    await screen.findByText('已保存：李四');
    expect((await db.contestants.get(contestants[1].id))?.status).toBe('withdrawn');
    expect(within(rowOf('李四')).getByText('弃权')).toBeInTheDocument();
  });

  it('refuses to delete a contestant with marks, with the reason, and deletes one without', async () => {
    const { db, user, round, judges, contestants } = await setup();
    await enterMark(db, {
      roundId: round.id,
      judgeId: judges[0].id,
      contestantId: contestants[1].id,
      criterionId: 'content',
      value: 3500,
    });
    await user.click(screen.getByRole('button', { name: '删除 李四' }));
    const dialog = screen.getByRole('alertdialog', { name: '删除选手 李四？' });
    await user.click(within(dialog).getByRole('button', { name: '删除' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('选手“李四”已有评委打分，不能删除');
    expect(await db.contestants.count()).toBe(3);
    await user.click(within(dialog).getByRole('button'));

    await user.click(screen.getByRole('button', { name: '删除 王五' }));
    await user.click(
      within(screen.getByRole('alertdialog', { name: '删除选手 王五？' })).getByRole('button', {
        name: '删除',
      }),
    );
    await screen.findByText('已删除：王五');
    expect(names()).toEqual(['张三', '李四']);
  });

  it('moves a contestant down the list', async () => {
    const { db, user, contestants } = await setup();
    await user.click(screen.getByRole('button', { name: '下移 张三' }));
    await waitFor(() => expect(names()).toEqual(['李四', '张三', '王五']));
    expect((await db.contestants.get(contestants[0].id))?.order).toBe(2);
  });

  it('refuses a photo that is not an image or is over 2 MB, and says so beside the field', async () => {
    const { user } = await setup();
    await user.click(screen.getByRole('button', { name: '编辑 张三' }));
    const input = screen.getByLabelText('照片');
    await user.upload(input, new File([new Uint8Array(3 * 1024 * 1024)], 'big.jpg', { type: 'image/jpeg' }));
    expect(input).toHaveAccessibleDescription(
      expect.stringContaining('照片 3.0 MB，超过 2 MB 的上限，请先压缩或裁剪'),
    );
    expect(input).toHaveAttribute('aria-invalid', 'true');
    // The picker filters on image/*, but a file dialog can be told to show everything.
    const anyFile = userEvent.setup({ applyAccept: false });
    await anyFile.upload(input, new File(['x'], 'notes.pdf', { type: 'application/pdf' }));
    expect(input).toHaveAccessibleDescription(expect.stringContaining('请选择图片文件'));
  });
});
