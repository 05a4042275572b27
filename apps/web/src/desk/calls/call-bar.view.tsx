import { type ReactNode, useEffect, useState } from 'react';
import { useLocale } from '../../i18n/locale-switch.view';
import type { RoutedCall, TransferCandidate } from '../../shared/api-types';
import { formatCallDuration } from '../call-timer.view';
import type { QueuedCall } from '../desk-state';
import { queueSummary } from './queue-summary.logic';

export interface CallBarActions {
  hold(onHold: boolean): void;
  hangUp(): void;
  transfer(toAgentId: string): void;
  cancelTransfer(): void;
  /** The colleagues for the transfer menu (`GET /api/agent/agents`). */
  loadColleagues(): Promise<TransferCandidate[]>;
}

/**
 * The connected call's controls (its duration shows on the caller card beside it): hold (the caller hears the waiting audio), hang up
 * (ends the call at the carrier; once), transfer to a free colleague (their desk rings; the call
 * stays here until they answer, or the agent cancels), and the queue behind the call; the
 * softphone (the agent's audio, mute, what went wrong with it) leads the bar.
 */
export function CallBar({ call, me, queue, busy, actions, softphone }: { call: RoutedCall; me: string; queue: readonly QueuedCall[]; busy: boolean; actions: CallBarActions; softphone?: ReactNode }) {
  const { t } = useLocale();
  const [colleagues, setColleagues] = useState<TransferCandidate[]>([]);
  const [target, setTarget] = useState('');
  const [hangingUp, setHangingUp] = useState(false);
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  useEffect(() => setHangingUp(false), [call.callId]);
  const waiting = queueSummary(queue, now);
  const free = colleagues.filter((colleague) => colleague.staffId !== me);
  const ringingColleague = call.transferTo ? (colleagues.find((colleague) => colleague.staffId === call.transferTo)?.username ?? '…') : null;
  return (
    <section className="call-bar" aria-label={t('desk.callBar.label')} data-on-hold={call.onHold ? 'true' : 'false'}>
      {softphone}
      <button type="button" aria-pressed={call.onHold} disabled={busy} onClick={() => actions.hold(!call.onHold)}>
        {call.onHold ? t('desk.callBar.resume') : t('desk.callBar.hold')}
      </button>
      <button
        type="button"
        className="danger"
        disabled={busy || hangingUp}
        onClick={() => {
          setHangingUp(true);
          actions.hangUp();
        }}
      >
        {t('desk.callBar.hangUp')}
      </button>
      {ringingColleague ? (
        <span className="call-bar-transfer">
          {t('desk.callBar.transferRinging', { username: ringingColleague })}{' '}
          <button type="button" disabled={busy} onClick={actions.cancelTransfer}>
            {t('desk.callBar.cancelTransfer')}
          </button>
        </span>
      ) : (
        <span className="call-bar-transfer">
          <select
            aria-label={t('desk.callBar.transfer')}
            value={target}
            onFocus={() => void actions.loadColleagues().then(setColleagues, () => undefined)}
            onChange={(event) => setTarget(event.target.value)}
          >
            <option value="">{t('desk.callBar.transferPick')}</option>
            {free.map((colleague) => {
              const canTake = colleague.available && !colleague.onCall && !colleague.wrappingUp;
              return (
                <option key={colleague.staffId} value={colleague.staffId} disabled={!canTake}>
                  {canTake ? colleague.username : t('desk.callBar.colleagueBusy', { username: colleague.username })}
                </option>
              );
            })}
          </select>
          <button type="button" disabled={busy || !target} onClick={() => actions.transfer(target)}>
            {t('desk.callBar.transferButton')}
          </button>
        </span>
      )}
      <span className="call-bar-queue">{waiting.count === 0 ? t('desk.callBar.queueEmpty') : t('desk.callBar.queue', { count: waiting.count, wait: formatCallDuration(waiting.longestWaitMs) })}</span>
      {call.onHold ? <p className="call-bar-hold muted">{t('desk.callBar.onHold')}</p> : null}
    </section>
  );
}
