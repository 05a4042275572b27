import { useCallback, useState } from 'react';
import type { LiveFrame } from '../shared/api-types';
import { useLiveSocket } from '../shared/live-socket.hook';
import { signOut, StaffSignIn } from '../shared/staff-sign-in.view';
import { usePrincipal } from '../shared/use-principal.hook';
import { type ImportProgress, importProgressReducer } from './catalogue-import.logic';
import { ImportSection } from './catalogue-import.view';
import { OutboxSection, ProductSearchSection, ReindexSection, StaffSection, TopUpSection } from './admin-sections.view';
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
  if (principal === undefined) return <p className="muted">Loading…</p>;
  if (!principal || principal.kind !== 'staff') return <StaffSignIn title="callcart · admin" onSignedIn={setPrincipal} />;
  if (!signedIn) {
    return (
      <main className="sign-in">
        <p>
          {principal.username} is an agent: the admin page is for catalogue managers and admins. Go to the <a href="/">desk</a>.
        </p>
        <button type="button" onClick={() => void signOut().then(() => setPrincipal(null))}>
          Sign out
        </button>
      </main>
    );
  }
  return (
    <div className="admin">
      <header className="topbar">
        <strong>callcart admin</strong>
        <span className="who">
          {principal.username} ({principal.role})
        </span>
        <span className={`live live-${live}`}>live: {live}</span>
        <button type="button" onClick={() => void signOut().then(() => setPrincipal(null))}>
          Sign out
        </button>
      </header>
      <main className="admin-grid">
        <ReindexSection status={reindex} onStarted={(reindexId) => setReindex((current) => (current?.reindexId === reindexId ? current : { reindexId, phases: {}, completed: {} }))} />
        <ImportSection progressById={imports} />
        <ProductSearchSection />
        <TopUpSection />
        {principal.role === 'admin' ? <OutboxSection /> : null}
        {principal.role === 'admin' ? <StaffSection /> : null}
      </main>
    </div>
  );
}
