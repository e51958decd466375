/** A season form's message: a refusal is announced as an alert, anything else as a status. */
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { FormMessage } from '../../../src/app/season/FormMessage';

describe('FormMessage', () => {
  it('shows a refusal as an alert in the error style', () => {
    render(<FormMessage message={{ text: '请填写姓名', error: true }} />);
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent('请填写姓名');
    expect(alert).toHaveClass('season-error');
    expect(screen.queryByRole('status')).toBeNull();
  });

  it('shows anything else as a status', () => {
    render(<FormMessage message={{ text: '已保存', error: false }} />);
    const status = screen.getByRole('status');
    expect(status).toHaveTextContent('已保存');
    expect(status).toHaveClass('season-status');
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
