import { useLocale } from '../i18n/locale-switch.view';

/**
 * Where the desk says what went wrong, as a sentence in the agent's language (the error code
 * goes to the console, for whoever reads logs). The region is always there, in a fixed place
 * over the bottom of the screen, so a message appearing or going never moves the panels the
 * agent is working in; `aria-live` has screen readers announce it.
 */
export function DeskNotice({ message, onDismiss }: { message: string | null; onDismiss: () => void }) {
  const { t } = useLocale();
  return (
    <div className={message ? 'desk-notice desk-notice-shown' : 'desk-notice'} role="alert" aria-live="assertive" aria-atomic="true">
      {message ? (
        <>
          <span className="desk-notice-text">{message}</span>{' '}
          <button type="button" className="link" onClick={onDismiss} aria-label={t('desk.dismissNotice')}>
            ×
          </button>
        </>
      ) : null}
    </div>
  );
}
