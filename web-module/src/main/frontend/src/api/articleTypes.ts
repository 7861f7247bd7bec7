/**
 * Wire types of the knowledge base (docs/api-articles.md), field for field. Kept apart from
 * types.ts because the knowledge base is its own contract; re-exported from the api index.
 */
import type { Author, Label, Labelled, Page } from './types';

/** The workflow, in order: DRAFT → IN_REVIEW → PUBLISHED → RETIRED (IN_REVIEW → DRAFT on withdraw or send-back). */
export const ARTICLE_STATUSES = ['DRAFT', 'IN_REVIEW', 'PUBLISHED', 'RETIRED'] as const;

export type ArticleStatus = (typeof ARTICLE_STATUSES)[number];

/** What the caller may do now; the server lists only these, and the interface offers only these. */
export const ARTICLE_ACTIONS = ['edit', 'submit', 'withdraw', 'sendBack', 'publish', 'retire'] as const;

export type ArticleAction = (typeof ARTICLE_ACTIONS)[number];

export interface ArticleReference {
  title: string;
  /** An absolute http or https URL. */
  url: string;
}

/**
 * Where an article came from: `INCIDENT` (ref = the incident's id, url null) or `STIX`
 * (ref = the STIX id, url = the ATT&CK page). Null for hand-written articles.
 */
export interface ArticleSource {
  kind: 'INCIDENT' | 'STIX' | string;
  ref: string;
  url: string | null;
}

/** The last send-back, shown on the draft. */
export interface ReviewComment {
  comment: string;
  /** Null only if the reviewer can no longer be shown. */
  by: Author | null;
  at: string | null;
}

/**
 * An article. Lists carry the same object with `body` and `html` null. `html` is sanitized by the
 * server and is the only HTML the knowledge base renders.
 */
export interface Article extends Labelled {
  id: string;
  title: string;
  summary: string;
  body: string | null;
  html: string | null;
  tags: string[];
  references: ArticleReference[];
  status: ArticleStatus;
  /** The current revision's number; sent back as `baseRevision` on edit. */
  revision: number;
  author: Author;
  createdAt: string;
  updatedAt: string;
  publishedAt: string | null;
  publishedBy: Author | null;
  retiredAt: string | null;
  retiredReason: string | null;
  reviewComment: ReviewComment | null;
  source: ArticleSource | null;
  actions: (ArticleAction | string)[];
}

export type ArticleSort = 'recent' | 'title';

/** `GET /api/v1/articles?status=&tag=&mine=&sort=&page&size`. */
export interface ArticleQuery {
  status?: ArticleStatus | undefined;
  tag?: string | undefined;
  mine?: boolean | undefined;
  sort?: ArticleSort | undefined;
  page?: number;
  size?: number;
}

/** `GET /api/v1/articles/tags`: over the published articles the caller may read, most used first. */
export interface TagCount {
  tag: string;
  count: number;
}

export interface TagCloud {
  tags: TagCount[];
}

/** `POST /api/v1/articles`. */
export interface NewArticle {
  title: string;
  summary: string;
  body: string;
  tags: string[];
  references: ArticleReference[];
  label: Label;
}

/** `PUT /api/v1/articles/{id}`: the whole article, the revision it was based on, and a note. */
export interface ArticleUpdate extends NewArticle {
  baseRevision: number;
  comment?: string;
}

export const ARTICLE_REVISION_KINDS = ['CREATED', 'EDITED', 'RELABELLED', 'IMPORTED', 'PROMOTED'] as const;

export type ArticleRevisionKind = (typeof ARTICLE_REVISION_KINDS)[number];

/** One entry of `GET /api/v1/articles/{id}/revisions`, newest first. */
export interface ArticleRevision extends Labelled {
  number: number;
  kind: ArticleRevisionKind | string;
  editor: Author;
  at: string;
  comment: string | null;
  title: string;
}

/** `GET /api/v1/articles/{id}/revisions/{n}`. */
export interface ArticleRevisionContent extends ArticleRevision {
  summary: string;
  body: string;
  html: string;
  tags: string[];
  references: ArticleReference[];
}

export interface ItemList<T> {
  items: T[];
}

export type ReviewAction = 'SUBMITTED' | 'WITHDRAWN' | 'SENT_BACK' | 'PUBLISHED' | 'RETIRED';

/** One entry of `GET /api/v1/articles/{id}/reviews`, oldest first. */
export interface ReviewEvent {
  action: ReviewAction | string;
  actor: Author;
  at: string;
  comment: string | null;
  revision: number;
}

export type DiffLineKind = 'EQUAL' | 'CHANGE' | 'DELETE' | 'INSERT' | 'SKIP';

/**
 * One side-by-side row of the body diff. `SKIP` folds `count` unchanged lines (its numbers are
 * where the fold starts on each side).
 */
export interface DiffLine {
  kind: DiffLineKind | string;
  oldNumber: number | null;
  newNumber: number | null;
  oldText: string | null;
  newText: string | null;
  count?: number;
}

/** A field other than the body that differs; values are as the server gives them (strings, lists, objects). */
export interface DiffField {
  field: 'title' | 'summary' | 'tags' | 'references' | 'marking' | string;
  from: unknown;
  to: unknown;
}

/** `GET /api/v1/articles/{id}/diff?from=&to=`. */
export interface ArticleDiff {
  from: number;
  to: number;
  fields: DiffField[];
  lines: DiffLine[];
  added: number;
  removed: number;
}

/** `POST /api/v1/articles/{id}/submit|withdraw|send-back|publish|retire`. */
export type WorkflowStep = 'submit' | 'withdraw' | 'send-back' | 'publish' | 'retire';

/** `POST /api/v1/incidents/{id}/promote`. */
export interface PromoteRequest {
  title?: string;
  summary?: string;
  /** Sequence numbers of the messages to quote (≤ 200). */
  messages: number[];
  label?: Label;
}

export type ArticlePage = Page<Article>;
