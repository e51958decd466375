/** The demo competition on a fresh device: a full 市级决赛 round for the results' tests. */
import { translate } from '../../../src/app/i18n/messages';
import { findTemplate, templateRound } from '../../../src/app/organizer/templates';
import type { LeitaiDB } from '../../../src/db/database';
import { type Demo, loadDemoCompetition } from '../../../src/db/repository';

export const zh = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) =>
  translate('zh-CN', key, params);

export async function loadDemo(db: LeitaiDB): Promise<Demo> {
  const setup = templateRound(findTemplate('secretary'), zh);
  if (!setup) throw new Error('the secretary template has a sheet');
  return loadDemoCompetition(db, setup);
}
