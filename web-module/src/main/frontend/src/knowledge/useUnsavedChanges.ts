import { useEffect, useRef } from 'react';

export const LEAVE_WARNING = 'You have unsaved changes. Leave this page and lose them?';

/**
 * Warns before unsaved work is lost: the browser's own prompt when the tab is closed or reloaded,
 * and a confirmation when an in-app link is followed. (The app's router has no navigation
 * blocking; a link click is the way people leave an editor, so that is what is intercepted.)
 */
export function useUnsavedChanges(dirty: boolean, confirm: (text: string) => boolean = (t) => window.confirm(t)): void {
  const confirmRef = useRef(confirm);
  confirmRef.current = confirm;

  useEffect(() => {
    if (!dirty) return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      event.returnValue = '';
    };
    const onClick = (event: MouseEvent) => {
      if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      const anchor = (event.target as Element | null)?.closest?.('a[href]');
      if (!(anchor instanceof HTMLAnchorElement) || anchor.target === '_blank' || anchor.hasAttribute('data-leave-ok')) return;
      const href = anchor.getAttribute('href') ?? '';
      if (href.startsWith('#')) return;
      if (!confirmRef.current(LEAVE_WARNING)) {
        event.preventDefault();
        event.stopPropagation();
      }
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    document.addEventListener('click', onClick, true);
    return () => {
      window.removeEventListener('beforeunload', onBeforeUnload);
      document.removeEventListener('click', onClick, true);
    };
  }, [dirty]);
}
