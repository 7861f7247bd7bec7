import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { search, type FacetCounts, type SearchHit, type SearchResult } from '../api/search';
import { CLASSIFICATIONS } from '../api/types';
import type { Area } from '../common/area';
import { pageLabel } from '../common/labelRules';
import { LoadError } from '../common/LoadError';
import { MarkingBanner } from '../common/MarkingBanner';
import { Pager } from '../common/Pager';
import { RelativeTime } from '../common/RelativeTime';
import { LoadingState } from '../common/StatusPanel';
import { useLoad } from '../common/useLoad';
import { usePageTitle } from '../common/usePageTitle';
import { MarkingChip } from '../forums/MarkingChip';
import { useSession } from '../shell/SessionContext';
import {
  activeFilters,
  type ActiveFilter,
  clearFilters,
  DATE_WINDOWS,
  dateRange,
  FACET_TITLES,
  FACETS,
  type FacetName,
  facetValueName,
  hasModifier,
  hasQuery,
  isActive,
  isTypingTarget,
  moveSelection,
  readSearch,
  SEARCH_PAGE_SIZE,
  type SearchState,
  toggleFacet,
  typeName,
  writeSearch,
} from './searchQuery';
import './search.css';

const DESCRIPTION =
  'One search box over forums, incident history and the knowledge base, showing only what you may read.';

/** Tag values shown before "Show all". */
export const TAGS_SHOWN = 10;

const count = new Intl.NumberFormat();

/** How to write a query: shown when nothing has been searched yet and when nothing was found. */
export function QuerySyntaxHelp() {
  return (
    <div className="search-help" data-testid="search-help">
      <h2 className="search-help__title">How to search</h2>
      <p>
        Type a few words to find items that contain all of them, in the title, the tags or the text. Paste a longer
        passage (four words or more), such as a line from a threat report, and the best matches for any of its words
        come first.
      </p>
      <dl className="search-help__syntax">
        <dt>
          <code>"lateral movement"</code>
        </dt>
        <dd>an exact phrase</dd>
        <dt>
          <code>emotet OR qakbot</code>
        </dt>
        <dd>either word; <code>AND</code> and <code>NOT</code> work too, in capitals, and parentheses group</dd>
        <dt>
          <code>ransomware -test</code>
        </dt>
        <dd>leave out items with a word (same as <code>NOT test</code>)</dd>
        <dt>
          <code>title:beacon</code>, <code>title:"cobalt strike"</code>
        </dt>
        <dd>only in titles</dd>
        <dt>
          <code>tag:phishing</code>
        </dt>
        <dd>items with exactly that tag</dd>
        <dt>
          <code>type:article</code>
        </dt>
        <dd>
          one kind of item: <code>article</code>, <code>thread</code>, <code>forum_post</code>, <code>incident</code> or{' '}
          <code>message</code>
        </dd>
        <dt>
          <code>T1059.001</code>, <code>CVE-2021-44228</code>
        </dt>
        <dd>
          identifiers are kept whole and found exactly (not T1059.002), as are hashes, IP addresses, domains and e-mail
          addresses
        </dd>
      </dl>
      <p className="muted">
        Small typos are forgiven in words of five letters or more (<code>ransomwear</code> finds ransomware) in short
        queries, never in identifiers. Whole words only: <code>*</code> and <code>?</code> are not wildcards.
      </p>
      <p className="muted">Only items your country and clearance allow are searched, counted or suggested.</p>
    </div>
  );
}

/** The values of a facet to show: those counted, and those chosen even when no match has them now. */
function facetValues(facet: FacetName, counts: FacetCounts, state: SearchState): string[] {
  const chosen = activeFilters(state).filter((f) => f.facet === facet).map((f) => f.value);
  const values = Array.from(new Set([...Object.keys(counts), ...chosen]));
  if (facet === 'date') return DATE_WINDOWS.filter((window) => values.includes(window));
  if (facet === 'classification') {
    const rank = (value: string) => {
      const at = (CLASSIFICATIONS as readonly string[]).indexOf(value);
      return at < 0 ? CLASSIFICATIONS.length : at;
    };
    return values.sort((a, b) => rank(a) - rank(b));
  }
  return values;
}

function Facet({ facet, counts, state, onToggle }: {
  facet: FacetName;
  counts: FacetCounts;
  state: SearchState;
  onToggle: (facet: FacetName, value: string) => void;
}) {
  const [all, setAll] = useState(false);
  const values = facetValues(facet, counts, state);
  if (values.length === 0) return null;
  const limited = facet === 'tag' && !all && values.length > TAGS_SHOWN;
  const shown = limited ? values.filter((v, i) => i < TAGS_SHOWN || isActive(state, facet, v)) : values;
  return (
    <fieldset className="search-facet" data-testid={`facet-${facet}`}>
      <legend>{FACET_TITLES[facet]}</legend>
      {shown.map((value) => {
        const on = isActive(state, facet, value);
        const name = facetValueName(facet, value);
        const n = counts[value] ?? 0;
        return (
          <button
            key={value}
            type="button"
            className={`search-facet__toggle${on ? ' search-facet__toggle--on' : ''}`}
            aria-pressed={on}
            aria-label={`${name}: ${count.format(n)} ${n === 1 ? 'result' : 'results'}`}
            onClick={() => onToggle(facet, value)}
            data-testid={`facet-${facet}-${value}`}
          >
            <span className="search-facet__name">{name}</span>
            <span className="search-facet__count">{count.format(n)}</span>
          </button>
        );
      })}
      {limited && (
        <button type="button" className="link-button search-facet__more" onClick={() => setAll(true)} data-testid={`facet-${facet}-more`}>
          Show all {values.length}
        </button>
      )}
      {facet === 'date' && <p className="search-facet__note">The past day is part of the past week, and so on.</p>}
    </fieldset>
  );
}

function Facets({ result, state, onToggle }: { result: SearchResult; state: SearchState; onToggle: (f: FacetName, v: string) => void }) {
  const [open, setOpen] = useState(false);
  const id = useId();
  const chosen = activeFilters(state).length;
  return (
    <div className="search-facets-wrap">
      <button
        type="button"
        className="button button--secondary search-facets-toggle"
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpen((o) => !o)}
        data-testid="search-facets-toggle"
      >
        {open ? 'Hide filters' : 'Filters'}
        {chosen > 0 ? ` (${chosen} on)` : ''}
      </button>
      <aside id={id} className={`search-facets${open ? ' search-facets--open' : ''}`} aria-label="Filters">
        {FACETS.map((facet) => (
          <Facet key={facet} facet={facet} counts={result.facets[facet] ?? {}} state={state} onToggle={onToggle} />
        ))}
      </aside>
    </div>
  );
}

/** The chosen filters as removable chips, and "Clear all". */
function FilterChips({ state, onRemove, onClear }: {
  state: SearchState;
  onRemove: (filter: ActiveFilter) => void;
  onClear: () => void;
}) {
  const chosen = activeFilters(state);
  if (chosen.length === 0) return null;
  return (
    <div className="search-chips" data-testid="search-chips">
      <span className="search-chips__title">Filtered by</span>
      <ul className="search-chips__list">
        {chosen.map((filter) => {
          const text = `${FACET_TITLES[filter.facet]}: ${facetValueName(filter.facet, filter.value)}`;
          return (
            <li key={`${filter.facet}:${filter.value}`} className="chip" data-testid="search-chip">
              <span>{text}</span>
              <button
                type="button"
                className="chip__remove"
                aria-label={`Remove filter ${text}`}
                onClick={() => onRemove(filter)}
                data-testid={`search-chip-remove-${filter.facet}-${filter.value}`}
              >
                ×
              </button>
            </li>
          );
        })}
      </ul>
      <button type="button" className="link-button" onClick={onClear} data-testid="search-clear-filters">
        Clear all
      </button>
    </div>
  );
}

function HitRow({ hit, selected }: { hit: SearchHit; selected: boolean }) {
  return (
    <li className={`search-hit${selected ? ' search-hit--selected' : ''}`} data-testid="search-hit" aria-current={selected || undefined}>
      <p className="search-hit__meta">
        <MarkingChip item={hit} />
        <span className="search-hit__type">{typeName(hit.type)}</span>
        <RelativeTime at={hit.updatedAt} />
      </p>
      <h2 className="search-hit__title">
        <Link to={hit.url} data-testid="search-hit-link">
          {hit.title || typeName(hit.type)}
        </Link>
      </h2>
      {/* The server escapes everything in a snippet and adds only <mark>: safe to insert as HTML. */}
      {hit.snippet && (
        <p className="search-hit__snippet" data-testid="search-hit-snippet" dangerouslySetInnerHTML={{ __html: hit.snippet }} />
      )}
    </li>
  );
}

/** Nothing matched: say why it may be, and offer to take filters away one by one or all at once. */
function NoResults({ state, onRemove, onClear }: {
  state: SearchState;
  onRemove: (filter: ActiveFilter) => void;
  onClear: () => void;
}) {
  const chosen = activeFilters(state);
  if (state.page > 0) {
    return (
      <div className="empty-state" data-testid="search-empty">
        <p>This page is past the end of the results.</p>
      </div>
    );
  }
  return (
    <div className="empty-state search-empty" data-testid="search-empty">
      <p className="search-empty__title">
        {state.q.trim() ? (
          <>
            Nothing you can read matches <q>{state.q.trim()}</q>
            {chosen.length > 0 ? ' with these filters.' : '.'}
          </>
        ) : (
          'Nothing you can read matches these filters.'
        )}
      </p>
      {chosen.length > 0 ? (
        <div className="search-empty__filters" data-testid="search-empty-filters">
          <p className="empty-state__hint">Try without a filter:</p>
          <ul className="search-empty__actions">
            {chosen.map((filter) => (
              <li key={`${filter.facet}:${filter.value}`}>
                <button type="button" className="button button--secondary button--small" onClick={() => onRemove(filter)}
                  data-testid={`search-empty-remove-${filter.facet}-${filter.value}`}>
                  Remove {FACET_TITLES[filter.facet].toLowerCase()}: {facetValueName(filter.facet, filter.value)}
                </button>
              </li>
            ))}
            {chosen.length > 1 && (
              <li>
                <button type="button" className="button button--primary button--small" onClick={onClear} data-testid="search-empty-clear">
                  Remove all filters
                </button>
              </li>
            )}
          </ul>
        </div>
      ) : (
        <p className="empty-state__hint">Try fewer or other words, or OR between alternatives.</p>
      )}
      <QuerySyntaxHelp />
    </div>
  );
}

/** Whether Enter belongs to the results: not when it would press a button or follow a link outside them. */
function enterIsForResults(target: EventTarget | null, list: HTMLElement | null): boolean {
  if (!(target instanceof HTMLElement)) return true;
  if (list?.contains(target)) return true;
  return target.closest('a, button, summary, [role="button"], [role="option"]') === null;
}

function Results({ result, onPage }: { result: SearchResult; onPage: (p: number) => void }) {
  const [selected, setSelected] = useState(-1);
  const navigate = useNavigate();
  const list = useRef<HTMLOListElement>(null);
  useEffect(() => setSelected(-1), [result]);

  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      if (event.defaultPrevented || hasModifier(event) || isTypingTarget(event.target)) return;
      if (event.key === 'Enter') {
        const hit = result.items[selected];
        if (!hit || !enterIsForResults(event.target, list.current)) return;
        event.preventDefault();
        void navigate(hit.url);
        return;
      }
      const next = moveSelection(event.key, selected, result.items.length);
      if (next === null) return;
      event.preventDefault();
      setSelected(next);
      list.current?.querySelectorAll<HTMLAnchorElement>('[data-testid="search-hit-link"]')[next]?.focus();
    }
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [selected, result, navigate]);

  const label = pageLabel(result.items.map((hit) => hit.label));
  return (
    <>
      <p className="search-total" data-testid="search-total" aria-live="polite">
        {count.format(result.total)} {result.total === 1 ? 'result' : 'results'}
        <span className="search-total__keys muted">
          {' '}
          — <kbd>j</kbd>/<kbd>k</kbd> or <kbd>↑</kbd>/<kbd>↓</kbd> to move, <kbd>Enter</kbd> to open
        </span>
      </p>
      <MarkingBanner label={label} />
      <ol className="search-hits" ref={list}>
        {result.items.map((hit, index) => (
          <HitRow key={hit.id} hit={hit} selected={index === selected} />
        ))}
      </ol>
      <MarkingBanner label={label} position="bottom" />
      <Pager page={result.page} size={result.size} total={result.total} shown={result.items.length} onPage={onPage}
        label="Result pages" testId="search-pager" noun="results" />
    </>
  );
}

/** The API query for the address's state at `now` (the date window becomes from/to instants). */
export function apiQuery(state: SearchState, now: number) {
  const { date, ...rest } = state;
  return { ...rest, ...(date ? dateRange(date, now) : {}), size: SEARCH_PAGE_SIZE };
}

/** `/search`: results for the address's query, with facets as filter toggles. */
export function SearchPage() {
  const { api } = useSession();
  const [params, setParams] = useSearchParams();
  const state = readSearch(params);
  const key = writeSearch(state).toString();
  const [draft, setDraft] = useState(state.q);
  useEffect(() => setDraft(state.q), [state.q]);
  usePageTitle(state.q ? `Search: ${state.q}` : 'Search');

  const load = useCallback(
    (signal: AbortSignal) => {
      const current = readSearch(new URLSearchParams(key));
      if (!hasQuery(current)) return Promise.resolve(undefined);
      return search(api, apiQuery(current, Date.now()), signal);
    },
    [api, key],
  );
  const { state: loaded, reload } = useLoad(load);
  const go = (next: SearchState) => setParams(writeSearch(next));
  const remove = (filter: ActiveFilter) => go(toggleFacet(state, filter.facet, filter.value));
  const clear = () => go(clearFilters(state));
  const busy = loaded.status === 'loading' && loaded.data !== undefined;

  return (
    <section className="search-page" aria-labelledby="search-heading">
      <h1 id="search-heading">Search</h1>
      <form
        role="search"
        className="search-form"
        onSubmit={(event) => {
          event.preventDefault();
          go({ ...state, q: draft, page: 0 });
        }}
      >
        <label htmlFor="search-page-input" className="visually-hidden">
          Search
        </label>
        <input id="search-page-input" type="search" value={draft} maxLength={1000} onChange={(e) => setDraft(e.target.value)}
          placeholder="Words, &quot;phrases&quot;, title:, tag:, type:" data-testid="search-page-input" />
        <button type="submit" className="button">Search</button>
      </form>
      <FilterChips state={state} onRemove={remove} onClear={clear} />
      {!hasQuery(state) ? (
        <QuerySyntaxHelp />
      ) : loaded.status === 'failed' ? (
        <LoadError title="The search could not be run" error={loaded.error} onRetry={reload} />
      ) : loaded.data === undefined ? (
        <LoadingState message="Searching…" />
      ) : loaded.data.items.length === 0 && loaded.data.total === 0 ? (
        <NoResults state={state} onRemove={remove} onClear={clear} />
      ) : (
        <div className="search-layout" aria-busy={busy || undefined} data-testid="search-layout">
          <Facets result={loaded.data} state={state} onToggle={(facet, value) => go(toggleFacet(state, facet, value))} />
          <div className="search-results">
            {busy && <LoadingState message="Updating…" />}
            {loaded.data.items.length === 0 ? (
              <NoResults state={state} onRemove={remove} onClear={clear} />
            ) : (
              <Results
                result={loaded.data}
                onPage={(page) => {
                  go({ ...state, page });
                  window.scrollTo?.({ top: 0 });
                }}
              />
            )}
          </div>
        </div>
      )}
    </section>
  );
}

export const searchArea: Area = {
  path: '/search',
  label: 'Search',
  description: DESCRIPTION,
  available: true,
  page: SearchPage,
};
