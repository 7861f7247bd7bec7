export interface PagerProps {
  page: number;
  size: number;
  total: number;
  /** Items shown on this page. */
  shown: number;
  onPage: (page: number) => void;
  /** E.g. "Thread pages". */
  label: string;
  /** Prefix of the test ids: `<prefix>-prev`, `<prefix>-next`, `<prefix>-range`. */
  testId: string;
  /** Noun for the range text, e.g. "threads". */
  noun?: string;
}

/**
 * Previous / range / next. aria-disabled rather than disabled at the ends, so reaching the last
 * page does not throw keyboard focus away. Hidden when everything fits on one page.
 */
export function Pager({ page, size, total, shown, onPage, label, testId, noun = '' }: PagerProps) {
  if (total <= size && page === 0) return null;
  const first = page * size + 1;
  const last = page * size + shown;
  const hasPrevious = page > 0;
  const hasNext = last < total;
  const count = new Intl.NumberFormat();
  return (
    <nav className="pager" aria-label={label}>
      <button
        type="button"
        className="button button--secondary"
        aria-disabled={!hasPrevious || undefined}
        onClick={() => hasPrevious && onPage(page - 1)}
        data-testid={`${testId}-prev`}
      >
        Previous
      </button>
      <p className="pager__range" data-testid={`${testId}-range`}>
        {shown > 0 ? `${count.format(first)}–${count.format(last)} of ${count.format(total)}` : `${count.format(total)}`}
        {noun ? ` ${noun}` : ''}
      </p>
      <button
        type="button"
        className="button button--secondary"
        aria-disabled={!hasNext || undefined}
        onClick={() => hasNext && onPage(page + 1)}
        data-testid={`${testId}-next`}
      >
        Next
      </button>
    </nav>
  );
}
