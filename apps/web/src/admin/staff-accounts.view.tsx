import { useCallback, useEffect, useState } from 'react';
import { describeFailure } from '../i18n/i18n.setup';
import { useLocale } from '../i18n/locale-switch.view';
import { api } from '../shared/api.client';

/** A staff account as `GET /api/admin/staff` lists it. */
export interface StaffAccount {
  staffId: string;
  username: string;
  role: StaffRole;
  active: boolean;
}

export const STAFF_ROLES = ['agent', 'catalogue-manager', 'admin'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];
/** The gateway's MIN_PASSWORD_LENGTH: checked here too so the admin hears it before sending. */
export const MIN_PASSWORD_LENGTH = 12;

/** A change the admin asked for and has not confirmed yet. */
export type PendingChange = { staffId: string; kind: 'role'; role: StaffRole } | { staffId: string; kind: 'active'; active: boolean } | { staffId: string; kind: 'password'; password: string };

/** The `PATCH /api/admin/staff/{id}` body of a confirmed change. */
export function changeBody(change: PendingChange): { role: StaffRole } | { active: boolean } | { password: string } {
  switch (change.kind) {
    case 'role':
      return { role: change.role };
    case 'active':
      return { active: change.active };
    case 'password':
      return { password: change.password };
    default: {
      const unknown: never = change;
      throw new Error(`unknown change ${JSON.stringify(unknown)}`);
    }
  }
}

/**
 * Staff accounts (admins only): the list, creating one, and per account changing the role,
 * deactivating or reactivating, and setting a new password. Each change is asked, then
 * confirmed in a sentence that says what follows (deactivating and a new password sign the
 * person out everywhere); afterwards the list is read again, so it shows what the gateway keeps.
 */
export function StaffSection({ myStaffId }: { myStaffId?: string }) {
  const [accounts, setAccounts] = useState<StaffAccount[]>([]);
  const [pending, setPending] = useState<PendingChange | null>(null);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const { t } = useLocale();
  const roleName = (role: string) => t(`admin.staff.roles.${role}`, { defaultValue: role });
  const load = useCallback(
    () =>
      api<StaffAccount[] | { staff: StaffAccount[] }>('GET', '/api/admin/staff')
        .then((reply) => setAccounts(Array.isArray(reply) ? reply : reply.staff))
        .catch((failure) => setMessage({ text: describeFailure(failure), error: true })),
    [],
  );
  useEffect(() => void load(), [load]);

  const confirm = (change: PendingChange, account: StaffAccount) => {
    if (change.kind === 'password' && change.password.length < MIN_PASSWORD_LENGTH) return setMessage({ text: t('admin.staff.passwordTooShort'), error: true });
    setMessage(null);
    api<StaffAccount>('PATCH', `/api/admin/staff/${encodeURIComponent(account.staffId)}`, changeBody(change))
      .then(async (updated) => {
        // The list is read again first, so the sentence and the list agree when the sentence shows.
        await load();
        setPending(null);
        const username = updated.username;
        if (change.kind === 'role') setMessage({ text: t('admin.staff.roleChanged', { username, role: roleName(updated.role) }), error: false });
        else if (change.kind === 'active') setMessage({ text: t(updated.active ? 'admin.staff.reactivated' : 'admin.staff.deactivated', { username }), error: false });
        else setMessage({ text: t('admin.staff.passwordReset', { username }), error: false });
      })
      .catch((failure) => {
        setMessage({ text: describeFailure(failure), error: true });
        return load();
      });
  };

  return (
    <section className="panel" aria-label={t('admin.staff.region')}>
      <h2>{t('admin.staff.heading')}</h2>
      <table className="staff-list" aria-label={t('admin.staff.list')}>
        <tbody>
          {accounts.map((account) => (
            <StaffRow
              key={account.staffId}
              account={account}
              isMe={account.staffId === myStaffId}
              pending={pending?.staffId === account.staffId ? pending : null}
              onAsk={(change) => {
                setMessage(null);
                setPending(change);
              }}
              onConfirm={(change) => confirm(change, account)}
              onCancel={() => setPending(null)}
            />
          ))}
        </tbody>
      </table>
      {message ? (
        <p role={message.error ? 'alert' : 'status'} className={message.error ? 'error' : undefined}>
          {message.text}
        </p>
      ) : null}
      <CreateStaffForm onCreated={(username) => {
        setMessage({ text: t('admin.staff.created', { username }), error: false });
        void load();
      }} onFailed={(text) => setMessage({ text, error: true })} />
    </section>
  );
}

function StaffRow({
  account,
  isMe,
  pending,
  onAsk,
  onConfirm,
  onCancel,
}: {
  account: StaffAccount;
  isMe: boolean;
  pending: PendingChange | null;
  onAsk: (change: PendingChange) => void;
  onConfirm: (change: PendingChange) => void;
  onCancel: () => void;
}) {
  const { t } = useLocale();
  const roleName = (role: string) => t(`admin.staff.roles.${role}`, { defaultValue: role });
  const { staffId, username } = account;
  const question =
    pending?.kind === 'role'
      ? t('admin.staff.confirmRole', { username, role: roleName(pending.role) })
      : pending?.kind === 'active'
        ? t(pending.active ? 'admin.staff.confirmReactivate' : 'admin.staff.confirmDeactivate', { username })
        : pending?.kind === 'password'
          ? t('admin.staff.confirmReset', { username })
          : null;
  return (
    <>
      <tr data-staff={username}>
        <td>
          {username}
          {isMe ? <span className="muted"> ({t('admin.staff.you')})</span> : null}
        </td>
        <td>
          <select aria-label={t('admin.staff.roleOf', { username })} value={pending?.kind === 'role' ? pending.role : account.role} onChange={(event) => onAsk({ staffId, kind: 'role', role: event.target.value as StaffRole })}>
            {STAFF_ROLES.map((role) => (
              <option key={role} value={role}>
                {roleName(role)}
              </option>
            ))}
          </select>
        </td>
        <td>{account.active ? t('admin.staff.active') : <strong>{t('admin.staff.inactive')}</strong>}</td>
        <td className="staff-actions">
          <button type="button" onClick={() => onAsk({ staffId, kind: 'active', active: !account.active })}>
            {account.active ? t('admin.staff.deactivate') : t('admin.staff.reactivate')}
          </button>{' '}
          <button type="button" onClick={() => onAsk({ staffId, kind: 'password', password: '' })}>
            {t('admin.staff.resetPassword')}
          </button>
        </td>
      </tr>
      {pending && question ? (
        <tr className="staff-confirm">
          <td colSpan={4}>
            <form
              onSubmit={(event) => {
                event.preventDefault();
                onConfirm(pending);
              }}
            >
              {pending.kind === 'password' ? (
                <label className="field">
                  {t('admin.staff.newPasswordFor', { username })}
                  <input type="password" autoComplete="new-password" value={pending.password} onChange={(event) => onAsk({ ...pending, password: event.target.value })} required />
                </label>
              ) : null}
              <p>{question}</p>
              <button type="submit" className="primary">
                {t('common.yes')}
              </button>{' '}
              <button type="button" onClick={onCancel}>
                {t('common.cancel')}
              </button>
            </form>
          </td>
        </tr>
      ) : null}
    </>
  );
}

function CreateStaffForm({ onCreated, onFailed }: { onCreated: (username: string) => void; onFailed: (message: string) => void }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState<StaffRole>('agent');
  const { t } = useLocale();
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        api('POST', '/api/admin/staff', { username, password, role })
          .then(() => {
            onCreated(username);
            setUsername('');
            setPassword('');
          })
          .catch((failure) => onFailed(describeFailure(failure)));
      }}
    >
      <label className="field-inline">
        {t('admin.staff.newUsername')} <input name="new-username" value={username} onChange={(event) => setUsername(event.target.value)} required />
      </label>
      <label className="field-inline">
        {t('admin.staff.password')} <input name="new-password" type="password" autoComplete="new-password" value={password} onChange={(event) => setPassword(event.target.value)} required minLength={MIN_PASSWORD_LENGTH} />
      </label>
      <label className="field-inline">
        {t('admin.staff.role')}{' '}
        <select name="new-role" value={role} onChange={(event) => setRole(event.target.value as StaffRole)}>
          {STAFF_ROLES.map((option) => (
            <option key={option} value={option}>
              {t(`admin.staff.roles.${option}`)}
            </option>
          ))}
        </select>
      </label>
      <button type="submit">{t('admin.staff.create')}</button>
    </form>
  );
}
