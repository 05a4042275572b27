import { type RefObject, useEffect, useRef } from 'react';
import type { MatchSet, ProductHit } from '../shared/api-types';

/** Whether a key press goes into a text field (shortcuts other than Ctrl+Enter, Esc, Alt+A stay off there). */
function isTextEntry(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target instanceof HTMLInputElement) return !['checkbox', 'radio', 'button', 'submit', 'reset'].includes(target.type);
  return target.tagName === 'TEXTAREA' || target.tagName === 'SELECT' || target.isContentEditable;
}

/** What the desk's keys act on, read at the moment of the key press. */
export interface DeskShortcutTargets {
  callId: string | undefined;
  currentSet: MatchSet | null;
  available: boolean;
  /** Ctrl+Enter: opens the read-back, or places the order when the read-back is open. */
  placeOrReadBack: () => void;
  /** Esc: back to the live candidates, and out of the read-back. */
  back: () => void;
  addItem: (hit: ProductHit, quantity: number) => void;
  setAvailable: (available: boolean) => void;
  /** Enter or Space while a call rings here: answers it. */
  answer: (() => void) | null;
}

/** A focused button or link acts on Enter and Space itself. */
function isControl(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.tagName === 'BUTTON' || target.tagName === 'A' || target.tagName === 'SUMMARY');
}

/**
 * The desk's keyboard: Enter or Space answers a ringing call, 1–5 add a candidate (when the
 * catalogue said to read them out), `/` focuses the search, Esc goes back, Ctrl+Enter reads back
 * then places, Alt+A toggles availability. One listener for the page's life, reading the latest targets from a ref.
 */
export function useDeskShortcuts(targets: DeskShortcutTargets, searchRef: RefObject<HTMLInputElement | null>): void {
  const latest = useRef(targets);
  latest.current = targets;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const now = latest.current;
      const typing = isTextEntry(event.target);
      if (now.answer && !typing && !isControl(event.target) && (event.key === 'Enter' || event.key === ' ') && !event.ctrlKey && !event.metaKey) {
        now.answer();
        event.preventDefault();
      } else if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
        if (now.callId) now.placeOrReadBack();
        event.preventDefault();
      } else if (event.key === 'Escape') {
        now.back();
        searchRef.current?.blur();
      } else if (event.altKey && event.key.toLowerCase() === 'a') {
        now.setAvailable(!now.available);
        event.preventDefault();
      } else if (!typing && event.key === '/') {
        searchRef.current?.focus();
        event.preventDefault();
      } else if (!typing && /^[1-5]$/.test(event.key) && now.callId && now.currentSet?.confirmationMode === 'ask') {
        const hit = now.currentSet.hits[Number(event.key) - 1];
        if (hit) now.addItem(hit, now.currentSet.source === 'search' ? 1 : now.currentSet.quantity);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [searchRef]);
}
