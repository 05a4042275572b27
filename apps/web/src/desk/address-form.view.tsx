import { useState } from 'react';
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
      {field('recipient', 'Recipient')}
      {field('phone', 'Phone (+86…)')}
      {field('street', 'Street')}
      {field('district', 'District', false)}
      {field('city', 'City')}
      {field('region', 'Province / region')}
      {field('postcode', 'Postcode', false)}
      {field('country', 'Country (CN)')}
      <button type="submit" disabled={busy}>
        Save address
      </button>
    </form>
  );
}
