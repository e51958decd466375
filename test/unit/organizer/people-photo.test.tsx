/**
 * A contestant's photo stored and shown. jsdom's Blob does not survive fake-indexeddb's
 * structured clone, so the picked file is Node's own File, as a browser's would survive.
 */
import { File as NodeFile } from 'node:buffer';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ContestantsPanel } from '../../../src/app/organizer/people/ContestantsPanel';
import { freshDb, seedRound } from '../db/helpers';
import { renderWith } from './people-helpers';

beforeEach(() => {
  // jsdom has no object URLs: name each Blob by its size.
  URL.createObjectURL = vi.fn((blob: Blob) => `blob:photo-${blob.size}`);
  URL.revokeObjectURL = vi.fn();
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe('contestant photo', () => {
  it('is stored with the contestant, shown as a thumbnail and can be removed', async () => {
    const db = freshDb();
    const { round, contestants } = await seedRound(db);
    const user = userEvent.setup();
    renderWith(db, <ContestantsPanel roundId={round.id} />);
    await user.click(await screen.findByRole('button', { name: '编辑 张三' }));
    const photo = new NodeFile([new Uint8Array(1234)], 'zhang.png', { type: 'image/png' });
    await user.upload(screen.getByLabelText('照片'), photo as unknown as File);
    expect(screen.getByRole('img', { name: '选好的照片' })).toHaveAttribute('src', 'blob:photo-1234');
    await user.click(screen.getByRole('button', { name: '保存' }));
    await screen.findByText('已保存：张三');

    const stored = await db.contestants.get(contestants[0].id);
    const record = await db.photos.get(stored?.photoId ?? '');
    expect(record?.blob.size).toBe(1234);
    expect(record?.blob.type).toBe('image/png');
    const row = screen.getByRole('row', { name: /张三/ });
    await waitFor(() =>
      expect(within(row).getByRole('img', { name: '张三的照片' })).toHaveAttribute('src', 'blob:photo-1234'),
    );

    await user.click(screen.getByRole('button', { name: '编辑 张三' }));
    await user.click(screen.getByRole('button', { name: '移除照片' }));
    expect(screen.getByText('保存后将移除照片。')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: '保存' }));
    await screen.findByText('已保存：张三');
    expect(await db.photos.count()).toBe(0);
    expect((await db.contestants.get(contestants[0].id))?.photoId).toBeNull();
  });
});
