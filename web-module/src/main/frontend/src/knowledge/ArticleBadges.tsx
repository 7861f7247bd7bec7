import { Link } from 'react-router';
import type { Article, ArticleStatus } from '../api/articleTypes';

export function articlePath(id: string, rest = ''): string {
  return `/kb/${encodeURIComponent(id)}${rest}`;
}

const STATUS_TEXT: Readonly<Record<ArticleStatus, string>> = {
  DRAFT: 'Draft',
  IN_REVIEW: 'In review',
  PUBLISHED: 'Published',
  RETIRED: 'Retired',
};

export function articleStatusText(status: string): string {
  return STATUS_TEXT[status as ArticleStatus] ?? status;
}

/** The workflow status in words (never colour alone). */
export function ArticleStatusBadge({ status }: { status: ArticleStatus | string }) {
  return (
    <span className={`badge article-status article-status--${status.toLowerCase().replace(/_/g, '-')}`} data-testid="article-status">
      <span className="visually-hidden">Status: </span>
      {articleStatusText(status)}
    </span>
  );
}

/** The ATT&CK id of an imported mitigation, from its URL (`…/mitigations/M1040`), or null. */
export function attackId(url: string | null): string | null {
  if (!url) return null;
  const match = /\/((?:M|T|TA|S|G)\d{4}(?:[./]\d{3})?)\/?$/i.exec(url);
  return match ? match[1]!.replace('/', '.').toUpperCase() : null;
}

/** "Imported from MITRE ATT&CK M1040" or "Promoted from incident …"; nothing for hand-written articles. */
export function SourceLine({ article }: { article: Pick<Article, 'source'> }) {
  const source = article.source;
  if (!source) return null;
  if (source.kind === 'STIX') {
    const id = attackId(source.url);
    const text = `Imported from MITRE ATT&CK${id ? ` ${id}` : ''}`;
    return (
      <p className="article-source" data-testid="article-source">
        {source.url ? (
          <a href={source.url} target="_blank" rel="noopener noreferrer">
            {text}
          </a>
        ) : (
          text
        )}
      </p>
    );
  }
  if (source.kind === 'INCIDENT') {
    return (
      <p className="article-source" data-testid="article-source">
        Promoted from <Link to={`/incidents/${encodeURIComponent(source.ref)}`}>an incident room</Link>
        <span className="muted"> (the room opens only for those who may read it)</span>
      </p>
    );
  }
  return (
    <p className="article-source" data-testid="article-source">
      Source: {source.kind} {source.ref}
    </p>
  );
}
