import type { ReactNode } from 'react';
import { PRODUCT_NAME } from '../common/usePageTitle';

/** The page frame shown before the person is signed in and known: brand only, no navigation. */
export function BootScreen({ children }: { children: ReactNode }) {
  return (
    <div className="app app--boot">
      <header className="app-header">
        <div className="app-header__inner">
          <span className="brand">
            <span className="brand__mark" aria-hidden="true" />
            <span className="brand__name">{PRODUCT_NAME}</span>
          </span>
        </div>
      </header>
      <main className="app-main boot">{children}</main>
    </div>
  );
}
