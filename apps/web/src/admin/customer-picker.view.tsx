import { useState } from 'react';
import { api } from '../shared/api.client';
import { formatMoney } from '../shared/money.format';
import type { Money } from '../shared/api-types';
import { describeFailure } from '../i18n/i18n.setup';
import { useLocale } from '../i18n/locale-switch.view';

/** A customer as the staff lookup finds them (`GET /api/staff/customers`). */
export interface FoundCustomer {
  customerId: string;
  phone: string;
  name: string | null;
  recipient: string | null;
  city: string | null;
  walletBalance: Money;
}

/** How staff recognise a customer on a list: name (or address recipient), number, city. */
export function customerLabel(customer: FoundCustomer): string {
  return [customer.name ?? customer.recipient, customer.phone, customer.city].filter(Boolean).join(' · ');
}

/**
 * Finds the customer staff act on by phone number (written any common way) or by name, and
 * hands the chosen one up: staff never type an internal id.
 */
export function CustomerPicker({ chosen, onChoose }: { chosen: FoundCustomer | null; onChoose: (customer: FoundCustomer | null) => void }) {
  const { t, locale } = useLocale();
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<FoundCustomer[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const find = () => {
    setError(null);
    api<{ customers: FoundCustomer[] }>('GET', `/api/staff/customers?q=${encodeURIComponent(query.trim())}&limit=10`)
      .then((reply) => {
        setFound(reply.customers);
        onChoose(reply.customers.length === 1 ? (reply.customers[0] ?? null) : null);
      })
      .catch((failure) => setError(describeFailure(failure)));
  };
  return (
    <div className="customer-picker">
      <label className="field">
        {t('customers.find')}{' '}
        <input
          value={query}
          placeholder={t('customers.placeholder')}
          onChange={(event) => setQuery(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter') {
              event.preventDefault();
              if (query.trim()) find();
            }
          }}
        />
      </label>
      <button type="button" disabled={!query.trim()} onClick={find}>
        {t('common.search')}
      </button>
      {error ? <p className="error">{error}</p> : null}
      {found && found.length === 0 ? <p className="muted">{t('customers.none')}</p> : null}
      {found && found.length > 0 ? (
        <ul className="customer-choices" aria-label={t('customers.choices')}>
          {found.map((customer) => (
            <li key={customer.customerId}>
              <label>
                <input type="radio" name="customer" checked={chosen?.customerId === customer.customerId} onChange={() => onChoose(customer)} /> {customerLabel(customer)} ·{' '}
                {t('customers.wallet', { balance: formatMoney(customer.walletBalance, locale) })}
              </label>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
