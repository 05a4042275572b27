import { useState } from 'react';
import { useLocale } from '../i18n/locale-switch.view';
import { api, ApiRequestError } from '../shared/api.client';
import type { Principal } from '../shared/api-types';
import { useBusyAction } from '../shared/busy-action.hook';
import { secondsLeft } from '../shared/countdown.logic';
import { Countdown, useNow } from '../shared/countdown.view';
import { formatTimeOfDay } from '../shared/date.format';
import { useDocumentTitle } from '../shared/document-title.hook';

/** What `POST /api/auth/customer/request-code` answers: the number as read, and the code's and the next send's times. */
export interface SentCode {
  phone: string;
  expiresAt: string;
  resendAfter: string;
}

/**
 * The shop's sign-in: says what it is for, texts a code, then takes it. "Send the code again"
 * appears once the orders service allows another send (its `resendAfter`, one minute by default);
 * until then a countdown says how long to wait, so nobody taps a button that can only refuse. The
 * same countdown follows a refusal of the gateway's sign-in limits, which say how long to wait.
 */
export function CustomerSignIn({ onSignedIn }: { onSignedIn: (principal: Principal) => void }) {
  const { t, locale } = useLocale();
  const [phone, setPhone] = useState('');
  const [code, setCode] = useState('');
  const [sent, setSent] = useState<SentCode | null>(null);
  const [retryAt, setRetryAt] = useState<string | null>(null);
  const { busy, error, setError, run } = useBusyAction();
  const now = useNow();
  const waiting = retryAt !== null && secondsLeft(retryAt, now) !== 0;
  const canResend = sent !== null && secondsLeft(sent.resendAfter, now) === 0 && !waiting;
  useDocumentTitle(sent ? t('shop.pageCode') : t('shop.pageSignIn'));

  const sendCode = () =>
    run(async () => {
      try {
        setSent(await api<SentCode>('POST', '/api/auth/customer/request-code', { phone }));
        setRetryAt(null);
        setCode('');
      } catch (failure) {
        // The gateway's sign-in limits say how long to wait: the page counts it down.
        if (failure instanceof ApiRequestError && failure.retryAfterSeconds) setRetryAt(new Date(Date.now() + failure.retryAfterSeconds * 1000).toISOString());
        throw failure;
      }
    });
  const verify = () => run(async () => onSignedIn(await api<Principal>('POST', '/api/auth/customer/verify-code', { phone, code })));

  return (
    <main className="shop-sign-in">
      <h1>{t('shop.signInHeading')}</h1>
      <p>{t('shop.signInPurpose')}</p>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void (sent ? verify() : sendCode());
        }}
      >
        <label className="field">
          {t('shop.phone')}
          <input type="tel" autoComplete="tel" value={phone} readOnly={sent !== null} onChange={(event) => setPhone(event.target.value)} required />
        </label>
        {sent ? (
          <>
            <p role="status">{t('shop.codeSentTo', { phone: sent.phone, time: formatTimeOfDay(sent.expiresAt, locale) })}</p>
            <label className="field">
              {t('shop.code')}
              <input inputMode="numeric" autoComplete="one-time-code" pattern="[0-9]{6}" value={code} onChange={(event) => setCode(event.target.value)} required />
            </label>
          </>
        ) : null}
        <button type="submit" className="primary" disabled={busy || (!sent && waiting)}>
          {sent ? t('common.signIn') : t('shop.sendCode')}
        </button>
        {error ? (
          <p role="alert" className="error">
            {error}
          </p>
        ) : null}
        {!sent && waiting ? <Countdown deadline={retryAt} label={t('shop.resendIn')} expiredText="" /> : null}
      </form>
      {sent ? (
        <div className="resend">
          {canResend ? (
            <button type="button" disabled={busy} onClick={() => void sendCode()}>
              {t('shop.resend')}
            </button>
          ) : (
            <Countdown deadline={waiting ? retryAt : sent.resendAfter} label={t('shop.resendIn')} expiredText="" />
          )}{' '}
          <button
            type="button"
            className="link"
            onClick={() => {
              setSent(null);
              setError(null);
            }}
          >
            {t('shop.otherNumber')}
          </button>
        </div>
      ) : null}
    </main>
  );
}
