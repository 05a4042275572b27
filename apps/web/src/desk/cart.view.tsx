import { useLocale } from '../i18n/locale-switch.view';
import { formatMoney } from '../shared/money.format';
import type { Cart } from '../shared/api-types';

/**
 * A cart with quantity steppers and remove buttons; the total comes from the server (integer
 * minor units), formatted only for display in the chosen language. Shared by the desk and the
 * shop (which passes its own friendlier labels).
 */
export function CartView({
  cart,
  onQuantity,
  onRemove,
  busy,
  labels: given,
}: {
  cart: Cart | null;
  onQuantity: (productId: string, quantity: number) => void;
  onRemove: (productId: string) => void;
  busy?: boolean;
  labels?: { empty: string; remove: string; total: string; quantity: string };
}) {
  const { t, locale } = useLocale();
  const labels = given ?? { empty: t('desk.cartEmpty'), remove: t('common.remove'), total: t('common.total'), quantity: t('common.quantity') };
  if (!cart || cart.lines.length === 0) return <p className="muted cart-empty">{labels.empty}</p>;
  return (
    <table className="cart">
      <tbody>
        {cart.lines.map((line) => (
          <tr key={line.productId} data-product={line.productId}>
            <td className="product-name">{line.name}</td>
            <td className="quantity">
              <button type="button" aria-label={`${labels.quantity} −`} disabled={busy || line.quantity <= 1} onClick={() => onQuantity(line.productId, line.quantity - 1)}>
                −
              </button>
              <span className="quantity-value" aria-label={labels.quantity}>
                {line.quantity}
              </span>
              <button type="button" aria-label={`${labels.quantity} +`} disabled={busy || line.quantity >= 99} onClick={() => onQuantity(line.productId, line.quantity + 1)}>
                +
              </button>
            </td>
            <td className="money">{formatMoney(line.lineTotal, locale)}</td>
            <td>
              <button type="button" className="link" disabled={busy} onClick={() => onRemove(line.productId)}>
                {labels.remove}
              </button>
            </td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th colSpan={2}>{labels.total}</th>
          <td className="money cart-total">{formatMoney(cart.total, locale)}</td>
          <td />
        </tr>
      </tfoot>
    </table>
  );
}
