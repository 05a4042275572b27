import i18next from 'i18next';
import { Component, type ReactNode } from 'react';

/**
 * Keeps a rendering bug from blanking the whole screen mid-call: shows what failed and a reload
 * button instead (the state is re-read over HTTP after a reload).
 */
export class ErrorBoundary extends Component<{ children: ReactNode }, { error: Error | null }> {
  override state: { error: Error | null } = { error: null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  override render() {
    if (!this.state.error) return this.props.children;
    return (
      <main className="sign-in" role="alert">
        <h1>{i18next.t('common.somethingWrong')}</h1>
        <p className="error">{this.state.error.message}</p>
        <button type="button" onClick={() => window.location.reload()}>
          {i18next.t('common.reload')}
        </button>
      </main>
    );
  }
}
