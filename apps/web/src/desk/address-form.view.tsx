import { useState } from 'react';
import { useLocale } from '../i18n/locale-switch.view';
import type { ShippingAddress } from '../shared/api-types';

const EMPTY: ShippingAddress = { recipient: '', phone: '', region: '', city: '', district: '', street: '', postcode: '', country: 'CN' };

/** Drops empty optional fields so the gateway's schema accepts the address. */
function cleaned(address: ShippingAddress): ShippingAddress {
  const result: ShippingAddress = { ...address, country: address.country.trim().toUpperCase() };
  if (!address.district?.trim()) delete result.district;
  if (!address.postcode?.trim()) delete result.postcode;
  return result;
}

/** The shipping address form (required before a new customer's first order). */
export function AddressForm({ initial, defaultPhone, onSave, busy }: { initial: ShippingAddress | null; defaultPhone: string; onSave: (address: ShippingAddress) => void; busy?: boolean }) {
  const [address, setAddress] = useState<ShippingAddress>(initial ?? { ...EMPTY, phone: defaultPhone });
  const { t } = useLocale();
  const field = (key: keyof ShippingAddress, label: string, required = true) => (
    <label className="field">
      {label}
      <input required={required} value={address[key] ?? ''} onChange={(event) => setAddress({ ...address, [key]: event.target.value })} aria-label={label} />
    </label>
  );
  return (
    <form
      className="address-form"
      onSubmit={(event) => {
        event.preventDefault();
        onSave(cleaned(address));
      }}
    >
      {field('recipient', t('address.recipient'))}
      {field('phone', t('address.phone'))}
      {field('street', t('address.street'))}
      {field('district', t('address.district'), false)}
      {field('city', t('address.city'))}
      {field('region', t('address.region'))}
      {field('postcode', t('address.postcode'), false)}
      {field('country', t('address.country'))}
      <button type="submit" disabled={busy}>
        {t('address.save')}
      </button>
    </form>
  );
}
