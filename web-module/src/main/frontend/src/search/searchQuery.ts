/**
 * The search page's state lives in the address (`/search?q=…&type=thread&tag=x&date=week&page=1`),
 * so a result can be shared, reloaded and navigated back to. Pure functions, tested on their own.
 */

/** Facets whose values can be combined: any of the chosen values matches. */
export type ListFacet = 'type' | 'tag' | 'classification' | 'status';
export const LIST_FACETS: readonly ListFacet[] = ['type', 'tag', 'classification', 'status'];

/** Every facet the page shows; `date` picks one window of the last change. */
export type FacetName = ListFacet | 'date';
export const FACETS: readonly FacetName[] = ['type', 'tag', 'classification', 'status', 'date'];

/**
 * The windows of the date facet, as the server names them (Recency in search-index): the four
 * "past" windows are nested; `older` is everything last changed more than a year ago.
 */
export const DATE_WINDOWS = ['day', 'week', 'month', 'year', 'older'] as const;
export type DateWindow = (typeof DATE_WINDOWS)[number];

const DAY_MS = 24 * 60 * 60 * 1000;
const WINDOW_DAYS: Record<DateWindow, number> = { day: 1, week: 7, month: 30, year: 365, older: 365 };

export interface SearchState {
  q: string;
  type: string[];
  tag: string[];
  classification: string[];
  status: string[];
  /** The chosen date window, or null for any time. */
  date: DateWindow | null;
  page: number;
}

export const SEARCH_PAGE_SIZE = 20;

export function isDateWindow(value: unknown): value is DateWindow {
  return typeof value === 'string' && (DATE_WINDOWS as readonly string[]).includes(value);
}

function list(params: URLSearchParams, name: string): string[] {
  return params
    .getAll(name)
    .flatMap((value) => value.split(','))
    .map((value) => value.trim())
    .filter((value) => value.length > 0);
}

export function readSearch(params: URLSearchParams): SearchState {
  const page = Number.parseInt(params.get('page') ?? '0', 10);
  const date = params.get('date');
  return {
    q: params.get('q') ?? '',
    type: list(params, 'type'),
    tag: list(params, 'tag'),
    classification: list(params, 'classification'),
    status: list(params, 'status'),
    date: isDateWindow(date) ? date : null,
    page: Number.isFinite(page) && page > 0 ? page : 0,
  };
}

export function writeSearch(state: SearchState): URLSearchParams {
  const params = new URLSearchParams();
  if (state.q) params.set('q', state.q);
  for (const facet of LIST_FACETS) {
    for (const value of state[facet]) params.append(facet, value);
  }
  if (state.date) params.set('date', state.date);
  if (state.page > 0) params.set('page', String(state.page));
  return params;
}

/** Whether `value` of `facet` is chosen. */
export function isActive(state: SearchState, facet: FacetName, value: string): boolean {
  return facet === 'date' ? state.date === value : state[facet].includes(value);
}

/**
 * The state with `value` of `facet` switched on or off; back to the first page. Values of a list
 * facet add up; a date window replaces the one chosen before.
 */
export function toggleFacet(state: SearchState, facet: FacetName, value: string): SearchState {
  if (facet === 'date') {
    return { ...state, date: state.date === value || !isDateWindow(value) ? null : value, page: 0 };
  }
  const current = state[facet];
  const next = current.includes(value) ? current.filter((v) => v !== value) : [...current, value];
  return { ...state, [facet]: next, page: 0 };
}

/** One chosen filter value, as a removable chip shows it. */
export interface ActiveFilter {
  facet: FacetName;
  value: string;
}

/** Every chosen filter value, in facet order. */
export function activeFilters(state: SearchState): ActiveFilter[] {
  const chosen: ActiveFilter[] = [];
  for (const facet of LIST_FACETS) {
    for (const value of state[facet]) chosen.push({ facet, value });
  }
  if (state.date) chosen.push({ facet: 'date', value: state.date });
  return chosen;
}

/** The state with every filter removed and the text kept; first page. */
export function clearFilters(state: SearchState): SearchState {
  return { q: state.q, type: [], tag: [], classification: [], status: [], date: null, page: 0 };
}

/** Whether there is anything to search for (text or a filter). */
export function hasQuery(state: SearchState): boolean {
  return state.q.trim().length > 0 || activeFilters(state).length > 0;
}

/**
 * The `from`/`to` instants (ISO, inclusive) that select a date window for a search made at
 * `now`, as the server counts it: `from` = now minus the window for the "past" windows, and
 * `to` = one millisecond before now minus a year for `older`.
 */
export function dateRange(window: DateWindow, now: number): { from?: string; to?: string } {
  const boundary = now - WINDOW_DAYS[window] * DAY_MS;
  return window === 'older' ? { to: new Date(boundary - 1).toISOString() } : { from: new Date(boundary).toISOString() };
}

export const FACET_TITLES: Record<FacetName, string> = {
  type: 'Type',
  tag: 'Tag',
  classification: 'Classification',
  status: 'Status',
  date: 'Last updated',
};

const TYPE_NAMES: Record<string, string> = {
  forum_post: 'Forum posts',
  thread: 'Threads',
  incident: 'Incidents',
  message: 'Chat messages',
  article: 'Articles',
};

const TYPE_NAME: Record<string, string> = {
  forum_post: 'Forum post',
  thread: 'Thread',
  incident: 'Incident',
  message: 'Chat message',
  article: 'Article',
};

/** One item's type in plain words: `forum_post` → "Forum post". */
export function typeName(type: string): string {
  return TYPE_NAME[type] ?? type;
}

const DATE_NAMES: Record<DateWindow, string> = {
  day: 'Past day',
  week: 'Past week',
  month: 'Past month',
  year: 'Past year',
  older: 'Older than a year',
};

/** A facet value in plain words: `in_review` → "In review", `forum_post` → "Forum posts". */
export function facetValueName(facet: FacetName, value: string): string {
  if (facet === 'type') return TYPE_NAMES[value] ?? value;
  if (facet === 'classification') return value.replace(/_/g, ' ');
  if (facet === 'date') return isDateWindow(value) ? DATE_NAMES[value] : value;
  if (facet === 'status') {
    const words = value.replace(/_/g, ' ').toLowerCase();
    return words.charAt(0).toUpperCase() + words.slice(1);
  }
  return value;
}

/** The next hit index for a key press (j/ArrowDown forward, k/ArrowUp back); null for other keys. */
export function moveSelection(key: string, current: number, count: number): number | null {
  if (count === 0) return null;
  if (key === 'j' || key === 'ArrowDown') return current < 0 ? 0 : Math.min(count - 1, current + 1);
  if (key === 'k' || key === 'ArrowUp') return current < 0 ? 0 : Math.max(0, current - 1);
  return null;
}

/**
 * Whether a key press happened where the person is typing or choosing (a text field, a select,
 * an editable region), so that page-wide shortcuts must leave it alone.
 */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!target || typeof (target as HTMLElement).tagName !== 'string') return false;
  const element = target as HTMLElement;
  const tag = element.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT' || element.isContentEditable) return true;
  if (tag !== 'INPUT') return false;
  const type = (element as HTMLInputElement).type;
  return !['button', 'submit', 'reset', 'checkbox', 'radio', 'range', 'color', 'file', 'image'].includes(type);
}

/** Whether a key press carries a modifier that makes it someone else's shortcut. */
export function hasModifier(event: Pick<KeyboardEvent, 'altKey' | 'ctrlKey' | 'metaKey'>): boolean {
  return event.altKey || event.ctrlKey || event.metaKey;
}
