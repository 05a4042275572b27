import { useEffect } from 'react';

/** The one browser part this hook uses, typed here so it also compiles without the DOM library (the workspace's type check). */
const browser = globalThis as { document?: { title: string } };

/**
 * Names the browser tab after where the person is (a screen reader says it first, and an elderly
 * customer with several tabs finds the shop again); follows language switches since callers pass
 * the translated title.
 */
export function useDocumentTitle(title: string): void {
  useEffect(() => {
    if (browser.document) browser.document.title = title;
  }, [title]);
}
