/** The one modal dialog: focus moves in, Tab and Shift+Tab stay inside, Escape cancels, focus returns. */
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { ModalDialog } from '../../../src/app/components/ModalDialog';

function Page({ onCancel, autofocus }: { onCancel: () => void; autofocus: boolean }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        打开
      </button>
      <button type="button">页面上的按钮</button>
      {open && (
        <ModalDialog
          title="确认"
          className="test-dialog"
          onCancel={() => {
            onCancel();
            setOpen(false);
          }}
        >
          <input aria-label="原因" />
          <button type="button" disabled>
            不可用
          </button>
          <button type="button">确定</button>
          <button type="button" data-autofocus={autofocus || undefined}>
            取消
          </button>
        </ModalDialog>
      )}
    </>
  );
}

describe('ModalDialog', () => {
  it('moves focus in, keeps Tab and Shift+Tab inside, and returns focus on Escape', async () => {
    const user = userEvent.setup();
    const onCancel = vi.fn();
    render(<Page onCancel={onCancel} autofocus={false} />);
    const opener = screen.getByRole('button', { name: '打开' });
    await user.click(opener);

    const dialog = screen.getByRole('dialog', { name: '确认' });
    expect(dialog).toHaveAttribute('aria-modal', 'true');
    const field = screen.getByRole('textbox', { name: '原因' });
    const confirm = screen.getByRole('button', { name: '确定' });
    const cancel = screen.getByRole('button', { name: '取消' });
    expect(field).toHaveFocus();

    await user.tab();
    expect(confirm).toHaveFocus();
    await user.tab();
    expect(cancel).toHaveFocus();
    await user.tab();
    expect(field).toHaveFocus();
    await user.tab({ shift: true });
    expect(cancel).toHaveFocus();

    await user.keyboard('{Escape}');
    expect(onCancel).toHaveBeenCalledTimes(1);
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(opener).toHaveFocus();
  });

  it('starts on the control marked data-autofocus', async () => {
    const user = userEvent.setup();
    render(<Page onCancel={() => {}} autofocus />);
    await user.click(screen.getByRole('button', { name: '打开' }));
    expect(screen.getByRole('button', { name: '取消' })).toHaveFocus();
  });
});
