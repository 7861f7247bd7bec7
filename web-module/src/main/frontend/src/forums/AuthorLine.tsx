import type { Author } from '../api/types';
import { countryName } from '../profile/countries';

/** "Alice Moderator @alice · GBR": display name, username and country; never a clearance. */
export function AuthorLine({ author }: { author: Author }) {
  return (
    <span className="author" data-testid="author">
      <span className="author__name">{author.displayName}</span>{' '}
      <span className="author__username">@{author.username}</span>{' '}
      <abbr className="author__country" title={countryName(author.country) ?? author.country}>
        {author.country}
      </abbr>
    </span>
  );
}
