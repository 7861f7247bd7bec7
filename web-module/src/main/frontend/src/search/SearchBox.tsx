import { useEffect, useId, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { suggest } from '../api/search';
import { useSession } from '../shell/SessionContext';
import { hasModifier, isTypingTarget } from './searchQuery';
import './search.css';

/** Wait this long after the last keystroke before asking for suggestions. */
export const SUGGEST_DEBOUNCE_MS = 200;

/**
 * The global search box in the header: type-ahead suggestions (titles and tags of items the
 * reader may read, from `/search/suggest`), debounced; ↑/↓ move through them, Enter searches for
 * the highlighted suggestion or the typed text at `/search?q=`, Escape closes the list (and a
 * second Escape clears the box). `/` anywhere outside a text field puts the cursor in the box,
 * as in most collaboration tools. An ARIA combobox with a listbox popup.
 */
export function SearchBox() {
  const { api } = useSession();
  const navigate = useNavigate();
  const [text, setText] = useState('');
  const [suggestions, setSuggestions] = useState<string[]>([]);
  const [active, setActive] = useState(-1);
  const [open, setOpen] = useState(false);
  const listId = useId();
  const typed = useRef('');
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      if (event.key !== '/' || event.defaultPrevented || hasModifier(event) || isTypingTarget(event.target)) return;
      event.preventDefault();
      input.current?.focus();
      input.current?.select();
    }
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  useEffect(() => {
    const prefix = text.trim();
    typed.current = prefix;
    if (prefix.length === 0) {
      setSuggestions([]);
      return;
    }
    const controller = new AbortController();
    const timer = setTimeout(() => {
      suggest(api, prefix, controller.signal).then(
        (found) => {
          if (!controller.signal.aborted && typed.current === prefix) {
            setSuggestions(found);
            setActive(-1);
          }
        },
        () => {
          if (!controller.signal.aborted) setSuggestions([]);
        },
      );
    }, SUGGEST_DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [api, text]);

  const submit = (q: string) => {
    const query = q.trim();
    if (!query) return;
    setOpen(false);
    setSuggestions([]);
    void navigate(`/search?${new URLSearchParams({ q: query }).toString()}`);
  };

  const showList = open && suggestions.length > 0;
  return (
    <form
      role="search"
      className="header-search"
      onSubmit={(event) => {
        event.preventDefault();
        submit(active >= 0 && suggestions[active] ? suggestions[active] : text);
      }}
    >
      <label htmlFor={`${listId}-input`} className="visually-hidden">
        Search everything you may read
      </label>
      <input
        ref={input}
        id={`${listId}-input`}
        type="search"
        className="header-search__input"
        placeholder="Search"
        aria-keyshortcuts="/"
        autoComplete="off"
        maxLength={1000}
        role="combobox"
        aria-expanded={showList}
        aria-controls={`${listId}-list`}
        aria-autocomplete="list"
        aria-activedescendant={showList && active >= 0 ? `${listId}-option-${active}` : undefined}
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown' && suggestions.length > 0) {
            event.preventDefault();
            setOpen(true);
            setActive((i) => (i + 1) % suggestions.length);
          } else if (event.key === 'ArrowUp' && suggestions.length > 0) {
            event.preventDefault();
            setActive((i) => (i <= 0 ? suggestions.length - 1 : i - 1));
          } else if (event.key === 'Escape') {
            // The first Escape only closes the list (the browser would also clear a search field).
            if (showList) event.preventDefault();
            else if (text) setText('');
            setOpen(false);
            setActive(-1);
          }
        }}
        data-testid="header-search-input"
      />
      <kbd className="header-search__key" aria-hidden="true" title="Press / to search">
        /
      </kbd>
      <ul id={`${listId}-list`} role="listbox" className="header-search__list" hidden={!showList} aria-label="Suggestions">
        {suggestions.map((suggestion, index) => (
          <li
            key={suggestion}
            id={`${listId}-option-${index}`}
            role="option"
            aria-selected={index === active}
            className={`header-search__option${index === active ? ' header-search__option--active' : ''}`}
            // mousedown, not click: it comes before the input's blur closes the list
            onMouseDown={(event) => {
              event.preventDefault();
              submit(suggestion);
            }}
            data-testid="header-search-option"
          >
            {suggestion}
          </li>
        ))}
      </ul>
    </form>
  );
}
