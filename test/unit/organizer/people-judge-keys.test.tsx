/**
 * 评委 panel and the printed code sheet: each judge's signing key fingerprint once their tablet
 * registered one (the key in use only, a retired one no more); none before joining.
 */
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { JudgesPanel } from '../../../src/app/organizer/people/JudgesPanel';
import { renewSigningKey } from '../../../src/db/signing-keys';
import { freshDb, seedRound } from '../db/helpers';
import { renderWith } from './people-helpers';

describe('the judges’ signing keys for the organizer', () => {
  it('shows the fingerprint of each judge’s key in use, in the list and on the code sheet', async () => {
    const db = freshDb();
    const seeded = await seedRound(db);
    renderWith(db, <JudgesPanel roundId={seeded.round.id} />);
    await screen.findByRole('heading', { name: '评委（3 位）' });
    expect(screen.queryByText(/签名密钥/)).not.toBeInTheDocument();

    const retired = await renewSigningKey(db, seeded.judges[0].id, crypto.subtle);
    const current = await renewSigningKey(db, seeded.judges[0].id, crypto.subtle);
    const row = screen.getByRole('row', { name: new RegExp(seeded.judges[0].name) });
    await waitFor(() => expect(row).toHaveTextContent(`签名密钥 ${current.fingerprint}`));
    expect(row).not.toHaveTextContent(retired.fingerprint);
    const card = document.querySelector('.join-code-sheet') as HTMLElement;
    expect(within(card).getByText(`签名密钥 ${current.fingerprint}`)).toBeInTheDocument();
    expect(screen.getByRole('row', { name: new RegExp(seeded.judges[1].name) })).not.toHaveTextContent(
      '签名密钥',
    );
  });
});
