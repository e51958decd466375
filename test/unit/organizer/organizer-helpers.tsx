/** The organizer page on a fresh database, at an address, as after a reload. */
import { render } from '@testing-library/react';
import { beforeEach, vi } from 'vitest';
import { DatabaseProvider } from '../../../src/app/db-context';
import { useUiStore } from '../../../src/app/i18n/language';
import { translate } from '../../../src/app/i18n/messages';
import OrganizerPage from '../../../src/app/organizer/OrganizerPage';
import { findTemplate, type TemplateId, templateRound } from '../../../src/app/organizer/templates';
import type { LeitaiDB } from '../../../src/db/database';
import { createCompetition } from '../../../src/db/repository';

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

export function currentPlace(): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(window.location.search));
}
