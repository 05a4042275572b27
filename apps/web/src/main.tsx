import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { AdminPage } from './admin/admin.page';
import { DeskPage } from './desk/desk.page';
import { setUpI18n } from './i18n/i18n.setup';
import { ErrorBoundary } from './shared/error-boundary.view';
import { ShopPage } from './shop/shop.page';
import './styles.css';

/** Which page a path shows: `/shop…` the shop, `/admin…` the admin page, anything else the desk. */
function pageFor(pathname: string) {
  if (pathname === '/shop' || pathname.startsWith('/shop/')) return <ShopPage />;
  if (pathname === '/admin' || pathname.startsWith('/admin/')) return <AdminPage />;
  return <DeskPage />;
}

setUpI18n();
const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <ErrorBoundary>{pageFor(window.location.pathname)}</ErrorBoundary>
    </StrictMode>,
  );
}
