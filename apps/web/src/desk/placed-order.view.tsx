import { useLocale } from '../i18n/locale-switch.view';
import { formatMoney } from '../shared/money.format';
import type { Order, Payment } from '../shared/api-types';
import { OrderStatusView } from './order.view';

/**
 * The order just placed, in place of the (now empty) cart: its lines, total and state in words,
 * so the agent can read it back to the caller and follow the payment.
 */
export function PlacedOrderView({ order, payment, shipmentReady }: { order: Order; payment: Payment | null; shipmentReady: boolean }) {
  const { t, locale } = useLocale();
  return (
    <div className="placed-order" aria-label={t('order.placedHeading')}>
      <h3>{t('order.placedHeading')}</h3>
      <table className="cart">
        <tbody>
          {order.lines.map((line) => (
            <tr key={line.productId}>
              <td className="product-name">{line.name}</td>
              <td className="quantity">× {line.quantity}</td>
              <td className="money">{formatMoney(line.lineTotal, locale)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th colSpan={2}>{t('common.total')}</th>
            <td className="money order-total">{formatMoney(order.total, locale)}</td>
          </tr>
        </tfoot>
      </table>
      <OrderStatusView order={order} payment={payment} shipmentReady={shipmentReady} />
    </div>
  );
}
