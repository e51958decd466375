/** Rendering this area's panels on a fresh database, as the round workspace does. */
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ComponentType, ReactNode } from 'react';
import { DatabaseProvider } from '../../../src/app/db-context';
import { useUiStore } from '../../../src/app/i18n/language';
import type { LeitaiDB } from '../../../src/db/database';
import { freshDb, seedRound } from '../db/helpers';

export function renderWith(db: LeitaiDB, ui: ReactNode) {
  useUiStore.setState({ lang: 'zh-CN' });
  return render(<DatabaseProvider db={db}>{ui}</DatabaseProvider>);
}

/** A seeded round's `Panel`, rendered once it shows `heading`, and a user to work it. */
export async function seededPanel(Panel: ComponentType<{ roundId: string }>, heading: string) {
  const db = freshDb();
  const seeded = await seedRound(db);
  const user = userEvent.setup();
  renderWith(db, <Panel roundId={seeded.round.id} />);
  await screen.findByRole('heading', { name: heading });
  return { db, user, ...seeded };
}
