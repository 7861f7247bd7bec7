/**
 * The search page's state lives in the address (`/search?q=…&type=thread&tag=x&page=1`), so a
 * result can be shared, reloaded and navigated back to. Pure functions, tested on their own.
 */
export type FacetName = 'type' | 'tag' | 'classification';
export const FACETS: readonly FacetName[] = ['type', 'tag', 'classification'];

export interface SearchState {
  q: string;
  type: string[];
  tag: string[];
  classification: string[];
  page: number;
}

export const SEARCH_PAGE_SIZE = 20;

function list(params: URLSearchParams, name: string): string[] {
  return params
    .getAll(name)
    .flatMap((value) => value.split(','))
    .map((value) => value.trim())
    .filter((value) => value.length > 0);
}

export function readSearch(params: URLSearchParams): SearchState {
  const page = Number.parseInt(params.get('page') ?? '0', 10);
  return {
    q: params.get('q') ?? '',
    type: list(params, 'type'),
    tag: list(params, 'tag'),
    classification: list(params, 'classification'),
    page: Number.isFinite(page) && page > 0 ? page : 0,
  };
}

export function writeSearch(state: SearchState): URLSearchParams {
  const params = new URLSearchParams();
  if (state.q) params.set('q', state.q);
  for (const facet of FACETS) {
    for (const value of state[facet]) params.append(facet, value);
  }
  if (state.page > 0) params.set('page', String(state.page));
  return params;
}

/** The state with `value` of `facet` switched on or off; back to the first page. */
export function toggleFacet(state: SearchState, facet: FacetName, value: string): SearchState {
  const current = state[facet];
  const next = current.includes(value) ? current.filter((v) => v !== value) : [...current, value];
  return { ...state, [facet]: next, page: 0 };
}

/** Whether there is anything to search for (text or a filter). */
export function hasQuery(state: SearchState): boolean {
  return state.q.trim().length > 0 || FACETS.some((facet) => state[facet].length > 0);
}

const TYPE_NAMES: Record<string, string> = {
  forum_post: 'Forum posts',
  thread: 'Threads',
  incident: 'Incidents',
  message: 'Chat messages',
  article: 'Articles',
};

export function facetValueName(facet: FacetName, value: string): string {
  if (facet === 'type') return TYPE_NAMES[value] ?? value;
  if (facet === 'classification') return value.replace(/_/g, ' ');
  return value;
}

/** The next hit index for a key press (j/ArrowDown forward, k/ArrowUp back); null for other keys. */
export function moveSelection(key: string, current: number, count: number): number | null {
  if (count === 0) return null;
  if (key === 'j' || key === 'ArrowDown') return current < 0 ? 0 : Math.min(count - 1, current + 1);
  if (key === 'k' || key === 'ArrowUp') return current < 0 ? 0 : Math.max(0, current - 1);
  return null;
}
