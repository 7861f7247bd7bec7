import { useEffect, useState } from 'react';
import type { ApiClient } from '../api/client';
import type { Author } from '../api/types';

/** How many people are suggested at most (the `size` of the search). */
export const MENTION_SUGGESTIONS = 8;
/** Typing pauses this long before the search is sent. */
export const MENTION_DEBOUNCE_MS = 150;

export interface UserSuggestions {
  /** The name searched for: an answer is shown only while it is still the one being typed. */
  query: string;
  users: Author[];
}

/**
 * Looks up colleagues for the name being typed, `MENTION_DEBOUNCE_MS` after the last keystroke;
 * a search that has been superseded is aborted and its answer ignored. A failed search suggests
 * nobody: suggestions are a convenience and typing goes on undisturbed.
 */
export function useUserSuggestions(api: ApiClient, query: string | null): UserSuggestions | null {
  const [result, setResult] = useState<UserSuggestions | null>(null);
  useEffect(() => {
    if (query === null) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      api.searchUsers({ q: query, size: MENTION_SUGGESTIONS }, controller.signal).then(
        (page) => {
          if (!controller.signal.aborted) setResult({ query, users: page.items.slice(0, MENTION_SUGGESTIONS) });
        },
        () => {
          if (!controller.signal.aborted) setResult({ query, users: [] });
        },
      );
    }, MENTION_DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [api, query]);
  return result;
}

export interface MentionListboxProps {
  id: string;
  users: readonly Author[];
  active: number;
  optionId: (index: number) => string;
  onChoose: (user: Author) => void;
  onHover: (index: number) => void;
}

/**
 * The people to mention, under the textarea. Focus stays in the textarea (which points at the
 * active option with `aria-activedescendant`); names are text, never markup.
 */
export function MentionListbox({ id, users, active, optionId, onChoose, onHover }: MentionListboxProps) {
  return (
    <ul id={id} role="listbox" aria-label="People to mention" className="mention-list" data-testid="mention-suggestions">
      {users.map((user, index) => (
        <li
          key={user.id}
          id={optionId(index)}
          role="option"
          aria-selected={index === active}
          className={`mention-list__option${index === active ? ' mention-list__option--active' : ''}`}
          // Keeps the focus (and the caret) in the textarea while the option is clicked.
          onMouseDown={(event) => event.preventDefault()}
          onMouseEnter={() => onHover(index)}
          onClick={() => onChoose(user)}
          data-testid="mention-option"
        >
          <span className="mention-list__name">{user.displayName}</span>{' '}
          <span className="mention-list__username">@{user.username}</span>{' '}
          <span className="mention-list__country">{user.country}</span>
        </li>
      ))}
    </ul>
  );
}
