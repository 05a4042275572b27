import { useEffect, useRef } from 'react';
import { useLocale } from '../../i18n/locale-switch.view';
import type { Softphone } from './use-softphone.hook';
import { useSoftphone } from './use-softphone.hook';

/** The softphone's line on the desk: its state, mute, what went wrong, and the caller's audio playing. */
export function SoftphoneView({ phone }: { phone: Softphone }) {
  const { t } = useLocale();
  const audio = useRef<HTMLAudioElement>(null);
  useEffect(() => {
    if (audio.current) audio.current.srcObject = phone.remote;
  }, [phone.remote]);
  const problem = phone.problem ? (phone.problem.kind === 'refused' ? phone.problem.text : t(`desk.softphone.problem.${phone.problem.kind}`)) : null;
  return (
    <section className="softphone" aria-label={t('desk.softphone.label')} data-state={phone.state}>
      <span className={`softphone-state softphone-${phone.state}`}>{t(`desk.softphone.state.${phone.state}`)}</span>
      <button type="button" aria-pressed={phone.muted} disabled={phone.state === 'idle' || phone.state === 'failed'} onClick={() => phone.setMuted(!phone.muted)}>
        {phone.muted ? t('desk.softphone.unmute') : t('desk.softphone.mute')}
      </button>
      {problem ? (
        <p role="alert" className="error softphone-problem">
          {problem}
        </p>
      ) : null}
      <audio ref={audio} className="softphone-remote" autoPlay />
    </section>
  );
}

/** The desk's softphone for the call the agent holds (none: idle). */
export function DeskSoftphone({ callId }: { callId: string | undefined }) {
  return <SoftphoneView phone={useSoftphone(callId)} />;
}
