/** Rendering this area's panels on a fresh database, as the round workspace does. */
import { render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { DatabaseProvider } from '../../../src/app/db-context';
import { useUiStore } from '../../../src/app/i18n/language';
import type { LeitaiDB } from '../../../src/db/database';

export function renderWith(db: LeitaiDB, ui: ReactNode) {
  useUiStore.setState({ lang: 'zh-CN' });
  return render(<DatabaseProvider db={db}>{ui}</DatabaseProvider>);
}
