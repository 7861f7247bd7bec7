import { useCallback, useEffect, useRef, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { search, type SearchHit, type SearchResult } from '../api/search';
import type { Area } from '../common/area';
import { LoadError } from '../common/LoadError';
import { Pager } from '../common/Pager';
import { RelativeTime } from '../common/RelativeTime';
import { LoadingState } from '../common/StatusPanel';
import { useLoad } from '../common/useLoad';
import { usePageTitle } from '../common/usePageTitle';
import { MarkingChip } from '../forums/MarkingChip';
import { useSession } from '../shell/SessionContext';
import {
  FACETS,
  type FacetName,
  facetValueName,
  hasQuery,
  moveSelection,
  readSearch,
  SEARCH_PAGE_SIZE,
  type SearchState,
  toggleFacet,
  writeSearch,
} from './searchQuery';
import './search.css';

const DESCRIPTION =
  'One search box over forums, incident history and the knowledge base, showing only what you may read.';

const FACET_TITLES: Record<FacetName, string> = { type: 'Type', tag: 'Tag', classification: 'Classification' };

/** How to write a query: shown when nothing has been searched yet and when nothing was found. */
export function QuerySyntaxHelp() {
  return (
    <div className="search-help" data-testid="search-help">
      <p>Type words to find items that contain all of them. You can also use:</p>
      <ul>
        <li>
          <code>"lateral movement"</code> — an exact phrase
        </li>
        <li>
          <code>emotet OR qakbot</code>, <code>phishing AND macro</code>, <code>ransomware NOT test</code> — combine
          words (<code>-word</code> excludes, parentheses group)
        </li>
        <li>
          <code>title:beacon</code> — only in titles; <code>tag:t1566</code> — items with that tag;{' '}
          <code>type:article</code> — only one kind of item (<code>forum_post</code>, <code>thread</code>,{' '}
          <code>incident</code>, <code>message</code>, <code>article</code>)
        </li>
        <li>
          Identifiers such as <code>T1059.001</code>, <code>CVE-2024-3400</code>, hashes and IP addresses are matched
          exactly; small typos in ordinary words are forgiven.
        </li>
      </ul>
      <p className="muted">Only items your country and clearance allow are searched, counted or suggested.</p>
    </div>
  );
}

function Facets({ result, state, onToggle }: { result: SearchResult; state: SearchState; onToggle: (f: FacetName, v: string) => void }) {
  return (
    <aside className="search-facets" aria-label="Filters">
      {FACETS.map((facet) => {
        const counts = result.facets[facet] ?? {};
        const values = Array.from(new Set([...Object.keys(counts), ...state[facet]]));
        if (values.length === 0) return null;
        return (
          <fieldset key={facet} className="search-facet" data-testid={`facet-${facet}`}>
            <legend>{FACET_TITLES[facet]}</legend>
            {values.map((value) => {
              const on = state[facet].includes(value);
              return (
                <button
                  key={value}
                  type="button"
                  className={`search-facet__toggle${on ? ' search-facet__toggle--on' : ''}`}
                  aria-pressed={on}
                  onClick={() => onToggle(facet, value)}
                  data-testid={`facet-${facet}-${value}`}
                >
                  <span>{facetValueName(facet, value)}</span>
                  <span className="search-facet__count">{counts[value] ?? 0}</span>
                </button>
              );
            })}
          </fieldset>
        );
      })}
    </aside>
  );
}

function HitRow({ hit, selected }: { hit: SearchHit; selected: boolean }) {
  return (
    <li className={`search-hit${selected ? ' search-hit--selected' : ''}`} data-testid="search-hit" aria-current={selected || undefined}>
      <p className="search-hit__meta">
        <MarkingChip item={hit} />
        <span className="search-hit__type">{facetValueName('type', hit.type)}</span>
        <RelativeTime at={hit.updatedAt} />
      </p>
      <h2 className="search-hit__title">
        <Link to={hit.url} data-testid="search-hit-link">
          {hit.title || facetValueName('type', hit.type)}
        </Link>
      </h2>
      {/* The server escapes everything in a snippet and adds only <mark>: safe to insert as HTML. */}
      <p className="search-hit__snippet" data-testid="search-hit-snippet" dangerouslySetInnerHTML={{ __html: hit.snippet }} />
    </li>
  );
}

function Results({ result, state, onPage }: { result: SearchResult; state: SearchState; onPage: (p: number) => void }) {
  const [selected, setSelected] = useState(-1);
  const navigate = useNavigate();
  const list = useRef<HTMLOListElement>(null);
  useEffect(() => setSelected(-1), [result]);

  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      const target = event.target as HTMLElement | null;
      if (target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.isContentEditable)) return;
      if (event.key === 'Enter' && selected >= 0 && result.items[selected]) {
        event.preventDefault();
        void navigate(result.items[selected].url);
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

  if (result.items.length === 0) {
    return (
      <div className="empty-state" data-testid="search-empty">
        <p>{state.page > 0 ? 'This page is past the end of the results.' : 'Nothing you can read matches.'}</p>
        <QuerySyntaxHelp />
      </div>
    );
  }
  return (
    <>
      <p className="search-total" data-testid="search-total" aria-live="polite">
        {new Intl.NumberFormat().format(result.total)} {result.total === 1 ? 'result' : 'results'}
        <span className="muted"> — j/k or ↑/↓ to move, Enter to open</span>
      </p>
      <ol className="search-hits" ref={list}>
        {result.items.map((hit, index) => (
          <HitRow key={hit.id} hit={hit} selected={index === selected} />
        ))}
      </ol>
      <Pager page={result.page} size={result.size} total={result.total} shown={result.items.length} onPage={onPage}
        label="Result pages" testId="search-pager" noun="results" />
    </>
  );
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
      return search(api, { ...current, size: SEARCH_PAGE_SIZE }, signal);
    },
    [api, key],
  );
  const { state: loaded, reload } = useLoad(load);
  const go = (next: SearchState) => setParams(writeSearch(next));

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
      {!hasQuery(state) ? (
        <QuerySyntaxHelp />
      ) : loaded.status === 'failed' ? (
        <LoadError title="The search could not be run" error={loaded.error} onRetry={reload} />
      ) : loaded.data === undefined ? (
        <LoadingState message="Searching…" />
      ) : (
        <div className="search-layout" aria-busy={loaded.status === 'loading' || undefined}>
          <Facets result={loaded.data} state={state} onToggle={(facet, value) => go(toggleFacet(state, facet, value))} />
          <div className="search-results">
            <Results result={loaded.data} state={state} onPage={(page) => go({ ...state, page })} />
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
