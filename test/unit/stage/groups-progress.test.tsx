/**
 * The host's progress with rater groups: each judge measured against its own group's criteria,
 * a count per group (专家评委 2/3 · 大众评审 已投 6), outliers within a group only.
 */
import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { DatabaseProvider } from '../../../src/app/db-context';
import { useUiStore } from '../../../src/app/i18n/language';
import { groupCounts } from '../../../src/app/stage/group-counts';
import { hostOutliers } from '../../../src/app/stage/group-progress';
import { PanelProgress } from '../../../src/app/stage/PanelProgress';
import { scoringRowsOfRound } from '../../../src/db/repository';
import { panelProgress } from '../../../src/domain/reveal-checks';
import { freshDb } from '../db/helpers';
import { audiencePart, expertPart, groupedResult, withGroups } from './group-results';
import { scoreSheet, seedStageRound } from './stage-helpers';

async function seeded() {
  const db = freshDb();
  const seed = await seedStageRound(db);
  const round = withGroups(seed.round);
  const judges = seed.judges.map((judge) => ({ ...judge, group: 'experts' }));
  const lisi = seed.contestants[1];
  await scoreSheet(db, round.id, seed.judges[0].id, lisi.id, 92);
  await scoreSheet(db, round.id, seed.judges[1].id, lisi.id, 88);
  const rows = await scoringRowsOfRound(db, round.id);
  return { db, round, judges, lisi, rows };
}

describe('progress per group', () => {
  it('measures an expert against the experts’ criteria, not the audience’s', async () => {
    const { round, judges, lisi, rows } = await seeded();
    const progress = panelProgress(
      judges,
      lisi,
      round.criteria,
      rows.marks,
      rows.sheets,
      undefined,
      round.settings.groups,
    );
    expect(progress.map((entry) => entry.status)).toEqual(['submitted', 'submitted', 'notStarted']);
    expect(progress[0]?.unmarked).toEqual([]);
    // The one panel would find the 支持 criterion unmarked on every sheet.
    const flat = panelProgress(judges, lisi, round.criteria, rows.marks, rows.sheets, undefined);
    expect(flat.map((entry) => entry.status)).toEqual(['incomplete', 'incomplete', 'notStarted']);
  });

  it('counts each group: the experts’ sheets in, the audience’s votes', async () => {
    const { round, judges, lisi, rows } = await seeded();
    const progress = panelProgress(
      judges,
      lisi,
      round.criteria,
      rows.marks,
      rows.sheets,
      undefined,
      round.settings.groups,
    );
    expect(groupCounts(round, judges, progress, groupedResult())).toEqual([
      { id: 'experts', label: '专家评委', kind: 'panel', submitted: 2, eligible: 3 },
      { id: 'audience', label: '大众评审', kind: 'audience', votes: 6 },
    ]);
    expect(groupCounts(round, judges, progress, undefined)?.[1]).toMatchObject({ votes: 0 });
    const { groups: _, ...plain } = round.settings;
    expect(groupCounts({ ...round, settings: plain }, judges, progress, undefined)).toBeNull();
  });

  it('finds outliers within a group, never across the audience’s 0/1 totals', async () => {
    const { round } = await seeded();
    const far = expertPart({
      judgeTotals: [
        { judge: 'J1', total: '95', shown: '95.00', dropped: 'high' },
        { judge: 'J2', total: '94', shown: '94.00', dropped: null },
        { judge: 'J3', total: '60', shown: '60.00', dropped: 'low' },
      ],
    });
    const outliers = hostOutliers(round, groupedResult({ groups: [far, audiencePart()] }));
    expect(outliers.map((outlier) => [outlier.judge, outlier.direction])).toEqual([['J3', 'low']]);
  });

  it('shows 专家评委 2/3 · 大众评审 已投 6 on the host’s panel', async () => {
    const { db, round, judges, lisi, rows } = await seeded();
    useUiStore.setState({ lang: 'zh-CN' });
    const progress = panelProgress(
      judges,
      lisi,
      round.criteria,
      rows.marks,
      rows.sheets,
      undefined,
      round.settings.groups,
    );
    render(
      <DatabaseProvider db={db}>
        <PanelProgress
          round={round}
          contestant={lisi}
          judges={judges}
          progress={progress}
          setAside={[]}
          outliers={[]}
          result={groupedResult({ pending: true })}
          events={[]}
          presence={{ state: 'unavailable' }}
          signings={{ state: 'checking' }}
        />
      </DatabaseProvider>,
    );
    const groups = await screen.findByRole('list', { name: '各评委组进度' }, { timeout: 15_000 });
    expect(
      within(groups)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual(['专家评委 2/3', '大众评审 已投 6']);
    expect(screen.queryByText(/已提交 \d/)).toBeNull();
    // 赵评委 has not started: 0 of the experts' 5 criteria, not of all 6.
    const zhao = screen.getByText('赵评委').closest('li') as HTMLElement;
    expect(zhao).toHaveTextContent('已打 0/5 项');
    expect(zhao).toHaveTextContent('专家评委');
  });
});
