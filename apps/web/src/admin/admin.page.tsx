import { useCallback, useState } from 'react';
import type { LiveFrame } from '../shared/api-types';
import { useLiveSocket } from '../shared/live-socket.hook';
import { signOut, StaffSignIn } from '../shared/staff-sign-in.view';
import { useDocumentTitle } from '../shared/document-title.hook';
import { usePrincipal } from '../shared/use-principal.hook';
import { LocaleSwitch, useLocale } from '../i18n/locale-switch.view';
import { type ImportProgress, importProgressReducer } from './catalogue-import.logic';
import { ImportSection } from './catalogue-import.view';
import { OutboxSection, ReindexSection, TopUpSection } from './admin-sections.view';
import { ProductSearchSection } from './product-search.view';
import { StaffSection } from './staff-accounts.view';
import { OrdersFulfilmentSection } from './orders/orders-fulfilment.view';
import { type ReindexStatus, reindexReducer } from './reindex-status.reducer';

/** The catalogue admin page at `/admin` (catalogue managers and admins). */
export function AdminPage() {
  const [principal, setPrincipal] = usePrincipal();
  const [reindex, setReindex] = useState<ReindexStatus | null>(null);
  const signedIn = principal?.kind === 'staff' && principal.role !== 'agent';
  const [imports, setImports] = useState<Record<string, ImportProgress>>({});
  const onFrame = useCallback((frame: LiveFrame) => {
    if (frame.type === 'import.progress') setImports((current) => importProgressReducer(current, frame));
    else setReindex((current) => reindexReducer(current, frame));
  }, []);
  const live = useLiveSocket(signedIn, { onFrame, onSessionEnded: () => setPrincipal(null) });
  const { t } = useLocale();
  useDocumentTitle(t('admin.title'));
  if (principal === undefined) return <p className="muted">{t('common.loading')}</p>;
  if (!principal || principal.kind !== 'staff') return <StaffSignIn title={t('admin.title')} onSignedIn={setPrincipal} />;
  if (!signedIn) {
    return (
      <main className="sign-in">
        <p>{t('admin.isAgent', { username: principal.username })}</p>
        <p>
          <a href="/">{t('admin.deskLink')}</a>
        </p>
        <button type="button" onClick={() => void signOut().then(() => setPrincipal(null))}>
          {t('common.signOut')}
        </button>
      </main>
    );
  }
  return (
    <div className="admin">
      <header className="topbar">
        <strong>{t('admin.brand')}</strong>
        <span className="who">
          {principal.username} ({principal.role})
        </span>
        <span className={`live live-${live}`}>{t('common.live', { state: t(`common.liveState.${live}`) })}</span>
        <LocaleSwitch />
        <button type="button" onClick={() => void signOut().then(() => setPrincipal(null))}>
          {t('common.signOut')}
        </button>
      </header>
      <main className="admin-grid">
        <ReindexSection status={reindex} onStarted={(reindexId) => setReindex((current) => (current?.reindexId === reindexId ? current : { reindexId, phases: {}, completed: {} }))} />
        <ImportSection progressById={imports} />
        <ProductSearchSection />
        <TopUpSection />
        {principal.role === 'admin' ? <OrdersFulfilmentSection /> : null}
        {principal.role === 'admin' ? <OutboxSection /> : null}
        {principal.role === 'admin' ? <StaffSection myStaffId={principal.staffId} /> : null}
      </main>
    </div>
  );
}
