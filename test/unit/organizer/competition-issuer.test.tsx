/** The certificates' issuer (落款), edited with the competition's name, date and venue. */
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { useUiStore } from '../../../src/app/i18n/language';
import { freshDb } from '../db/helpers';
import { competitionFromTemplate, renderOrganizer } from './organizer-helpers';

describe('the competition form', () => {
  it('edits the issuer printed on the certificates, and refuses one too long without saving', async () => {
    const user = userEvent.setup();
    const db = freshDb();
    await competitionFromTemplate(db, 'speech', '演讲比赛');
    renderOrganizer(db);
    const card = async () =>
      (await screen.findByRole('link', { name: '演讲比赛' }, { timeout: 10_000 })).closest(
        'li',
      ) as HTMLElement;

    await user.click(within(await card()).getByRole('button', { name: '编辑' }));
    const issuer = screen.getByLabelText('颁奖单位（落款，选填）');
    await user.type(issuer, '会'.repeat(101));
    await user.click(screen.getByRole('button', { name: '保存' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('颁奖单位（落款）不能超过 100 个字');
    expect((await db.competitions.toArray())[0]?.issuer).toBeUndefined();

    await user.clear(issuer);
    await user.type(issuer, '中共昌吉市委组织部');
    await user.click(screen.getByRole('button', { name: '保存' }));
    expect(await screen.findByText('已保存：“演讲比赛”', {}, { timeout: 10_000 })).toBeInTheDocument();
    expect((await db.competitions.toArray())[0]).toMatchObject({ issuer: '中共昌吉市委组织部' });
  });

  it('says why it refuses in English on an English screen, with no Chinese left', async () => {
    const user = userEvent.setup();
    const db = freshDb();
    await competitionFromTemplate(db, 'speech', 'Speech contest');
    useUiStore.setState({ lang: 'en' });
    renderOrganizer(db);
    const link = await screen.findByRole('link', { name: 'Speech contest' }, { timeout: 10_000 });

    await user.click(within(link.closest('li') as HTMLElement).getByRole('button', { name: 'Edit' }));
    await user.type(screen.getByLabelText('Issued by (optional)'), 'x'.repeat(101));
    await user.click(screen.getByRole('button', { name: 'Save' }));
    const refusal = await screen.findByRole('alert');
    expect(refusal).toHaveTextContent(
      'The issuer (signature of the certificates) must be at most 100 characters',
    );
    expect(refusal.textContent).not.toMatch(/[\u4e00-\u9fff]/);
    expect((await db.competitions.toArray())[0]?.issuer).toBeUndefined();
  });
});
