/** Renders the judge page on a database of its own, as a tablet would show it. */

import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { DatabaseProvider } from '../../../src/app/db-context';
import { useUiStore } from '../../../src/app/i18n/language';
import JudgePage from '../../../src/app/judge/JudgePage';
import type { LeitaiDB } from '../../../src/db/database';
import { bindJudge, openContestantSheet } from '../../../src/db/repository';

export function renderJudgePage(db: LeitaiDB, path = '/judge') {
  window.history.replaceState(null, '', path);
  useUiStore.setState({ lang: 'zh-CN' });
  const user = userEvent.setup();
  const view = render(
    <DatabaseProvider db={db}>
      <JudgePage />
    </DatabaseProvider>,
  );
  return { user, ...view };
}

/** A judge already bound on this tablet, with a contestant's sheet open. */
export async function renderBoundJudge(db: LeitaiDB, judgeId: string, contestantId: string | null) {
  await bindJudge(db, judgeId);
  if (contestantId) await openContestantSheet(db, contestantId);
  const view = renderJudgePage(db);
  if (contestantId) await screen.findByRole('region', { name: /号/ });
  else await screen.findByRole('heading', { level: 1 });
  return view;
}

/** The keypad of the score sheet. */
export function keypad() {
  return within(screen.getByRole('group', { name: '分数键盘' }));
}

/** One criterion's row (its <li>), found by its label. */
export function criterionRow(label: string): HTMLElement {
  const button = screen.getByRole('button', { name: new RegExp(`^${label}：`) });
  return button.closest('li') as HTMLElement;
}

export async function typeOnKeypad(user: ReturnType<typeof userEvent.setup>, text: string) {
  const pad = keypad();
  for (const key of text) await user.click(pad.getByRole('button', { name: key === '.' ? '小数点' : key }));
}
