/**
 * 离线交接码 on the printed judge's sheet: a judge with signed sheets gets the line saying what
 * the codes are for and one code per frame, each labelled n/m; a judge with none gets the line
 * saying so and no code.
 */
import { render, screen } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { DatabaseProvider } from '../../../src/app/db-context';
import { useUiStore } from '../../../src/app/i18n/language';
import { SignedSheetCodes } from '../../../src/app/results/SignedSheetCodes';
import { enterMark } from '../../../src/db/marks';
import { signedSheetEventsOfJudge } from '../../../src/db/queries/printed-handoff';
import { submitSignedSheet } from '../../../src/db/signed-submit';
import { printedHandoffFrames } from '../../../src/sync/handoff';
import { freshDb, SECRETARY_SHEET, seedRound } from '../db/helpers';

const WAIT = { timeout: 10_000 };

beforeEach(() => {
  useUiStore.setState({ lang: 'zh-CN' });
});

describe('the hand-off codes on a printed judge’s sheet', () => {
  it('print one labelled code per frame of a judge’s signed sheets, and a line for a judge with none', async () => {
    const db = freshDb();
    const seeded = await seedRound(db);
    const [wang, li] = seeded.judges;
    for (const contestant of seeded.contestants.slice(0, 2)) {
      const sheet = { roundId: seeded.round.id, judgeId: wang.id, contestantId: contestant.id };
      for (const criterion of SECRETARY_SHEET)
        await enterMark(db, { ...sheet, criterionId: criterion.id, value: 800 });
      await submitSignedSheet(db, sheet, globalThis.crypto.subtle);
    }
    const frames = await printedHandoffFrames(await signedSheetEventsOfJudge(db, seeded.round.id, wang.id));
    expect(frames.length).toBeGreaterThan(1);

    const wangSheet = render(
      <DatabaseProvider db={db}>
        <SignedSheetCodes roundId={seeded.round.id} judgeId={wang.id} />
      </DatabaseProvider>,
    );
    expect(
      await screen.findByText(
        '离线交接码：该评委已签名的 2 份评分表。服务器丢失记录时，在主控台“扫码接收”中导入本页照片即可补交。',
        {},
        WAIT,
      ),
    ).toBeInTheDocument();
    const codes = await screen.findAllByRole('img', {}, WAIT);
    expect(codes.map((code) => code.getAttribute('aria-label'))).toEqual(
      frames.map((_, at) => `离线交接码 ${at + 1}/${frames.length}`),
    );
    expect(screen.getAllByText(/^\d+\/\d+$/).map((caption) => caption.textContent)).toEqual(
      frames.map((_, at) => `${at + 1}/${frames.length}`),
    );
    wangSheet.unmount();

    render(
      <DatabaseProvider db={db}>
        <SignedSheetCodes roundId={seeded.round.id} judgeId={li.id} />
      </DatabaseProvider>,
    );
    expect(
      await screen.findByText('离线交接码：该评委本轮没有已签名的评分表。', {}, WAIT),
    ).toBeInTheDocument();
    expect(screen.queryAllByRole('img')).toHaveLength(0);
  });
});
