import { useEffect } from 'react';

export const PRODUCT_NAME = 'ESCAPE';

/** Sets the document title to `<page> — ESCAPE` while the page is shown. */
export function usePageTitle(page?: string): void {
  useEffect(() => {
    document.title = page ? `${page} — ${PRODUCT_NAME}` : PRODUCT_NAME;
  }, [page]);
}
