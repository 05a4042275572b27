import { useEffect, useRef } from 'react';
import { useLocale } from '../../i18n/locale-switch.view';
import type { RoutedCall } from '../../shared/api-types';
import { useSecondsLeft } from './seconds-left.hook';
import { useRingTone } from './use-ring-tone.hook';

/**
 * A call ringing at this desk, over the screen: who calls (or that a colleague hands a call
 * over), the seconds left to answer before it goes to the next agent, and Answer (the button,
 * Enter or Space); the desk rings while it shows. `data-tone` says whether the tone sounds.
 */
export function RingingBanner({ call, me, busy, onAnswer }: { call: RoutedCall; me: string; busy: boolean; onAnswer: () => void }) {
  const { t } = useLocale();
  const transfer = call.transferTo === me;
  const seconds = useSecondsLeft(transfer ? call.transferDeadline : call.ringDeadline);
  const sounding = useRingTone(true);
  const answerButton = useRef<HTMLButtonElement>(null);
  // Enter and Space answer: unless the agent is typing, the Answer button takes the focus, so a
  // key press cannot land on whatever button had it (Ready, after a wrap-up).
  useEffect(() => {
    const active = document.activeElement;
    const typing = active instanceof HTMLTextAreaElement || (active instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'submit'].includes(active.type)) || active instanceof HTMLSelectElement;
    if (!typing) answerButton.current?.focus();
  }, [call.callId]);
  return (
    <section className="ringing-banner" role="alertdialog" aria-label={t('desk.ringing.label')} data-tone={sounding ? 'on' : 'off'} data-call-id={call.callId}>
      <p className="ringing-who">{transfer ? t('desk.ringing.transfer', { number: call.callerNumber }) : t('desk.ringing.incoming', { number: call.callerNumber })}</p>
      {seconds !== null ? <p className="ringing-countdown">{t('desk.ringing.countdown', { seconds })}</p> : null}
      <button ref={answerButton} type="button" className="primary ringing-answer" disabled={busy} onClick={onAnswer}>
        {t('desk.ringing.answer')}
      </button>
      <span className="muted">{t('desk.ringing.keyHint')}</span>
    </section>
  );
}
