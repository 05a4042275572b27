import { useState } from 'react';
import { formatMoney } from '../shared/money.format';
import type { Money } from '../shared/api-types';
import { useLocale } from '../i18n/locale-switch.view';

/** A top-up the customer started: where to pay it, and until when. */
export interface StartedTopUp {
  topUpId: string;
  amount: Money;
  payUrl: string;
  expiresAt: string;
}

/** Yuan as typed (`100`, `50.5`, `50.50`) to fen, exactly; undefined for anything else or zero. */
export function yuanToMinor(text: string): number | undefined {
  const match = /^\s*(\d{1,7})(?:[.,](\d{1,2}))?\s*$/.exec(text);
  if (!match) return undefined;
  const minor = Number(match[1]) * 100 + Number((match[2] ?? '0').padEnd(2, '0'));
  return minor > 0 ? minor : undefined;
}

/**
 * The shop's "top up my wallet" step: an amount, then the Alipay link to open (on a phone it
 * opens Alipay; the same link is the content of Alipay's QR code). The balance changes only when
 * Alipay confirms the payment to the service, so the customer refreshes afterwards.
 */
export function WalletTopUp({ busy, start, onRefresh }: { busy: boolean; start: (amountMinor: number) => Promise<StartedTopUp | undefined>; onRefresh: () => void }) {
  const { t, locale } = useLocale();
  const [amount, setAmount] = useState('');
  const [invalid, setInvalid] = useState(false);
  const [topUp, setTopUp] = useState<StartedTopUp | undefined>();
  return (
    <div className="top-up">
      <h3>{t('shop.topUp')}</h3>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          const amountMinor = yuanToMinor(amount);
          setInvalid(amountMinor === undefined);
          if (amountMinor !== undefined) void start(amountMinor).then(setTopUp);
        }}
      >
        <label className="field">
          {t('shop.topUpAmount')}
          <input inputMode="decimal" value={amount} onChange={(event) => setAmount(event.target.value)} required />
        </label>
        <button type="submit" className="primary" disabled={busy}>
          {t('shop.topUpWithAlipay')}
        </button>
        {invalid ? (
          <p role="alert" className="error">
            {t('shop.topUpInvalid')}
          </p>
        ) : null}
      </form>
      {topUp ? (
        <p className="top-up-link">
          <a href={topUp.payUrl} target="_blank" rel="noopener noreferrer">
            {t('shop.topUpOpen')}: {formatMoney(topUp.amount, locale)}
          </a>{' '}
          <span className="muted">{t('shop.topUpAfter')}</span>{' '}
          <button type="button" onClick={onRefresh}>
            {t('common.refresh')}
          </button>
        </p>
      ) : null}
    </div>
  );
}
