/** @jest-environment jsdom */
import { fireEvent, render, screen } from '@testing-library/react';
import { chooseLocale, setUpI18n } from '../i18n/i18n.setup';
import { WalletTopUp, yuanToMinor, type StartedTopUp } from './wallet-top-up.view';

setUpI18n('en');

describe('yuanToMinor', () => {
  it.each([
    ['100', 10_000],
    ['50.5', 5_050],
    ['50.50', 5_050],
    [' 0.01 ', 1],
    ['12,30', 1_230],
  ])('reads %j as %d fen', (text, minor) => {
    expect(yuanToMinor(text)).toBe(minor);
  });

  it.each(['', '0', '0.00', '-5', '1.234', '1e3', 'ten'])('refuses %j', (text) => {
    expect(yuanToMinor(text)).toBeUndefined();
  });
});

describe('<WalletTopUp>', () => {
  it('starts a top-up in fen and shows the Alipay link, in Chinese', async () => {
    const asked: number[] = [];
    chooseLocale('zh-CN');
    const started: StartedTopUp = { topUpId: 't-1', amount: { amountMinor: 10_050, currency: 'CNY' }, payUrl: 'https://qr.alipay.com/bax08431', expiresAt: '2030-01-01T00:15:00.000Z' };
    render(
      <WalletTopUp
        busy={false}
        onRefresh={() => undefined}
        start={async (amountMinor) => {
          asked.push(amountMinor);
          return started;
        }}
      />,
    );
    fireEvent.change(screen.getByLabelText('金额（元）'), { target: { value: '100.5' } });
    fireEvent.click(screen.getByRole('button', { name: '用支付宝付款' }));
    const link = await screen.findByRole('link', { name: /打开支付宝付款/ });
    expect(link.getAttribute('href')).toBe('https://qr.alipay.com/bax08431');
    expect(asked).toEqual([10_050]);
  });

  it('says what to type when the amount is not one, and starts nothing', () => {
    chooseLocale('en');
    const asked: number[] = [];
    render(<WalletTopUp busy={false} onRefresh={() => undefined} start={async (amountMinor) => void asked.push(amountMinor)} />);
    fireEvent.change(screen.getByLabelText('Amount (yuan)'), { target: { value: '12.345' } });
    fireEvent.click(screen.getByRole('button', { name: 'Pay with Alipay' }));
    expect(screen.getByRole('alert').textContent).toBe('Enter an amount such as 100 or 50.50');
    expect(asked).toEqual([]);
  });
});
