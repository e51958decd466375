/** 导入模板: both downloads hold the header row and one example row, and import as they are. */
import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { readSpreadsheet } from '../../../src/app/files/read-sheet';
import { planImport } from '../../../src/app/organizer/import/plan';
import { ContestantsPanel } from '../../../src/app/organizer/people/ContestantsPanel';
import { JudgesPanel } from '../../../src/app/organizer/people/JudgesPanel';
import { guessColumns } from '../../../src/domain/roster-import';
import { freshDb, seedRound } from '../db/helpers';
import { renderWith } from './people-helpers';

let downloads: { blob: Blob; fileName: string }[];

beforeEach(() => {
  downloads = [];
  const blobs = new Map<string, Blob>();
  URL.createObjectURL = vi.fn((blob: Blob) => {
    const url = `blob:download-${blobs.size}`;
    blobs.set(url, blob);
    return url;
  });
  URL.revokeObjectURL = vi.fn();
  // jsdom cannot navigate to a download: record what would have been saved instead.
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    downloads.push({ blob: blobs.get(this.href) as Blob, fileName: this.download });
  });
});

afterEach(() => {
  vi.restoreAllMocks();
});

async function download(panel: 'contestants' | 'judges', button: string) {
  const db = freshDb();
  const { round } = await seedRound(db);
  const user = userEvent.setup();
  renderWith(
    db,
    panel === 'contestants' ? <ContestantsPanel roundId={round.id} /> : <JudgesPanel roundId={round.id} />,
  );
  await user.click(await screen.findByRole('button', { name: '从 Excel/CSV 导入' }));
  await user.click(
    within(screen.getByRole('region', { name: /导入/ })).getByRole('button', { name: button }),
  );
  await vi.waitFor(() => expect(downloads).toHaveLength(1));
  return downloads[0] as { blob: Blob; fileName: string };
}

describe('import templates', () => {
  it('offers contestants a UTF-8 CSV with a BOM that Excel opens in Chinese', async () => {
    const { blob, fileName } = await download('contestants', '下载 .csv 模板');
    expect(fileName).toBe('选手导入模板.csv');
    const bytes = new Uint8Array(await blob.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(bytes.slice(3))).toBe(
      '出场顺序,姓名,单位,题目,状态\r\n1,沙哈提别克,庙尔沟乡,发展庭院经济 带领群众增收,参赛\r\n',
    );
  });

  it('offers contestants and judges an .xlsx that reads back, maps every column and imports cleanly', async () => {
    for (const [panel, fileName, header] of [
      ['contestants', '选手导入模板.xlsx', ['出场顺序', '姓名', '单位', '题目', '状态']],
      ['judges', '评委导入模板.xlsx', ['姓名', '职务', '回避单位', '权重', '评委组']],
    ] as const) {
      const saved = await download(panel, '下载 .xlsx 模板');
      expect(saved.fileName).toBe(fileName);
      const read = await readSpreadsheet(saved.blob, saved.fileName);
      if (!read.ok) throw new Error(`template unreadable: ${read.problem}`);
      expect(read.rows).toHaveLength(2);
      expect(read.rows[0]).toEqual(header);
      const mapping = guessColumns(read.rows[0] ?? [], panel);
      expect(Object.keys(mapping)).toHaveLength(header.length);
      const plan = planImport(read.rows, 0, mapping, panel, []);
      expect(plan.errors).toEqual([]);
      expect(plan.entries).toHaveLength(1);
      if (panel === 'judges') expect(plan.entries[0]).toMatchObject({ name: '王建华', weight: 100 });
      else expect(plan.entries[0]).toMatchObject({ name: '沙哈提别克', draw: 1, status: 'active' });
      downloads = [];
      cleanup();
    }
  });
});
