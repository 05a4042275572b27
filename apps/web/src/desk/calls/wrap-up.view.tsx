import { useEffect, useState } from 'react';
import { useLocale } from '../../i18n/locale-switch.view';
import type { AgentStatus, Order, RoutedCall } from '../../shared/api-types';
import { formatMoney } from '../../shared/money.format';
import type { RoutingNotice } from '../desk-state';
import { useSecondsLeft } from './seconds-left.hook';

/**
 * After the agent's part in a call (it ended, or went to a colleague or back to the queue): what
 * came of it, notes stored on the call, the seconds of wrap-up left before the next call may
 * ring, and Ready to end the wrap-up now (decision 0065).
 */
export function WrapUpView({
  call,
  order,
  status,
  notice,
  busy,
  onSaveNotes,
  onReady,
}: {
  call: RoutedCall;
  order: Order | null;
  status: AgentStatus | null;
  notice: RoutingNotice | null;
  busy: boolean;
  onSaveNotes: (notes: string) => Promise<boolean>;
  onReady: () => void;
}) {
  const { t, locale } = useLocale();
  const [notes, setNotes] = useState(call.notes ?? '');
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    setNotes(call.notes ?? '');
    setSaved(false);
  }, [call.callId]);
  const wrappingThis = status?.wrapUpCallId === call.callId ? status.wrapUpUntil : null;
  const seconds = useSecondsLeft(wrappingThis);
  const outcome = order ? t('desk.wrapUp.orderPlaced', { total: formatMoney(order.total, locale), state: t(`orderState.${order.state}`) }) : t('desk.wrapUp.noOrder');
  return (
    <section className="panel wrap-up" aria-label={t('desk.wrapUp.label')}>
      <h2>{t('desk.wrapUp.heading', { number: call.callerNumber })}</h2>
      <p className="wrap-up-outcome">{outcome}</p>
      {notice === 'callTransferred' ? <p>{t('desk.wrapUp.handedOver')}</p> : null}
      {notice === 'callRequeued' ? <p>{t('desk.wrapUp.requeued')}</p> : null}
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void onSaveNotes(notes).then(setSaved);
        }}
      >
        <label>
          {t('desk.wrapUp.notes')}
          <textarea value={notes} maxLength={2000} rows={3} onChange={(event) => (setNotes(event.target.value), setSaved(false))} />
        </label>
        <button type="submit" disabled={busy}>
          {t('desk.wrapUp.saveNotes')}
        </button>{' '}
        {saved ? <span className="muted">{t('desk.wrapUp.notesSaved')}</span> : null}
      </form>
      {seconds !== null && seconds > 0 ? <p className="wrap-up-countdown">{t('desk.wrapUp.readyIn', { seconds })}</p> : null}
      <button type="button" className="primary" disabled={busy} onClick={onReady}>
        {t('desk.wrapUp.ready')}
      </button>
    </section>
  );
}
