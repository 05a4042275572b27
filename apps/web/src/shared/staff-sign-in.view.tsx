import { useState } from 'react';
import { api } from './api.client';
import { useBusyAction } from './busy-action.hook';
import type { Principal } from './api-types';
import { LocaleSwitch, useLocale } from '../i18n/locale-switch.view';

/** Staff sign-in (username + password) for the desk and the admin page. */
export function StaffSignIn({ title, onSignedIn }: { title: string; onSignedIn: (principal: Principal) => void }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const { busy, error, run } = useBusyAction();
  const { t } = useLocale();
  return (
    <main className="sign-in">
      <h1>{title}</h1>
      <LocaleSwitch />
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void run(async () => onSignedIn(await api<Principal>('POST', '/api/auth/staff/sign-in', { username, password })));
        }}
      >
        <label className="field">
          {t('common.username')}
          <input name="username" autoComplete="username" value={username} onChange={(event) => setUsername(event.target.value)} required />
        </label>
        <label className="field">
          {t('common.password')}
          <input name="password" type="password" autoComplete="current-password" value={password} onChange={(event) => setPassword(event.target.value)} required />
        </label>
        <button type="submit" disabled={busy}>
          {t('common.signIn')}
        </button>
        {error ? (
          <p role="alert" className="error">
            {error}
          </p>
        ) : null}
      </form>
    </main>
  );
}

/** Signs out and reloads the page's sign-in screen. */
export async function signOut(): Promise<void> {
  await api('POST', '/api/auth/sign-out').catch(() => undefined);
}
