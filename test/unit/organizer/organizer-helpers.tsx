/** The organizer page on a fresh database, at an address, as after a reload. */
import { render, screen, within } from '@testing-library/react';
import { beforeEach, vi } from 'vitest';
import { DatabaseProvider } from '../../../src/app/db-context';
import { useUiStore } from '../../../src/app/i18n/language';
import { translate } from '../../../src/app/i18n/messages';
import OrganizerPage from '../../../src/app/organizer/OrganizerPage';
import { findTemplate, type TemplateId, templateRound } from '../../../src/app/organizer/templates';
import type { LeitaiDB } from '../../../src/db/database';
import { createCompetition } from '../../../src/db/repository';
import { freshDb } from '../db/helpers';

beforeEach(() => {
  useUiStore.setState({ lang: 'zh-CN' });
  // jsdom has no layout.
  vi.spyOn(window, 'scrollTo').mockImplementation(() => {});
});

export function renderOrganizer(db: LeitaiDB, address = '/organizer') {
  window.history.replaceState(null, '', address);
  return render(
    <DatabaseProvider db={db}>
      <OrganizerPage />
    </DatabaseProvider>,
  );
}

export const zh = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) =>
  translate('zh-CN', key, params);

/** A competition made from a template, with its first round, as the create form does. */
export async function competitionFromTemplate(db: LeitaiDB, id: TemplateId = 'secretary', name = '擂台比武') {
  const setup = templateRound(findTemplate(id), zh);
  const competition = await createCompetition(db, {
    name,
    ...(setup ? { firstRound: { ...setup, name: '乡镇初赛' } } : {}),
  });
  const round = (await db.rounds.where('competitionId').equals(competition.id).first()) ?? null;
  return { competition, round };
}

/** The settings tab of the first round of a competition made from the template, on a fresh database. */
export async function openRoundSettings() {
  const db = freshDb();
  const { competition, round } = await competitionFromTemplate(db);
  if (!round) throw new Error('the template makes a round');
  renderOrganizer(db, `/organizer?competition=${competition.id}&round=${round.id}&tab=settings`);
  await screen.findByRole('heading', { name: '评分规则设置' });
  return { db, round };
}

/** A table's rows, the heading row too, each as its cells' text with blank cells left out. */
export function rowTexts(table: HTMLElement): string[] {
  return within(table)
    .getAllByRole('row')
    .map((row) =>
      within(row)
        .queryAllByRole(row.querySelector('th') ? 'columnheader' : 'cell')
        .map((cell) => cell.textContent)
        .filter(Boolean)
        .join(' '),
    );
}

export function currentPlace(): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(window.location.search));
}
