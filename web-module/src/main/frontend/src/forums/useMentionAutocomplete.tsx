import { useCallback, useId, useLayoutEffect, useRef, useState, type KeyboardEvent, type ReactNode, type Ref, type SyntheticEvent } from 'react';
import type { Author } from '../api/types';
import { useSession } from '../shell/SessionContext';
import { findMention, insertMention } from './mentions';
import { MentionListbox, useUserSuggestions } from './MentionSuggestions';

export interface MentionAutocompleteOptions {
  value: string;
  onChange: (value: string) => void;
  /** False while the text is not being edited (e.g. a preview tab is shown). */
  enabled?: boolean;
  /** A ref of the caller's to the textarea, set as well as the hook's own. */
  textareaRef?: Ref<HTMLTextAreaElement> | undefined;
}

export interface MentionAutocomplete {
  /** The textarea's ref. */
  ref: (element: HTMLTextAreaElement | null) => void;
  /** Props for the textarea: caret tracking and the combobox-like ARIA wiring. */
  textareaProps: {
    onSelect: (event: SyntheticEvent<HTMLTextAreaElement>) => void;
    onFocus: (event: SyntheticEvent<HTMLTextAreaElement>) => void;
    onBlur: () => void;
    'aria-autocomplete': 'list';
    'aria-controls': string | undefined;
    'aria-activedescendant': string | undefined;
  };
  /** Call from the textarea's onChange (before handing the value on). */
  trackCaret: (event: SyntheticEvent<HTMLTextAreaElement>) => void;
  /** Handles Up/Down/Enter/Tab/Escape while suggestions are open; true when the key was used. */
  onKeyDown: (event: KeyboardEvent<HTMLTextAreaElement>) => boolean;
  /** Whether suggestions are showing (Enter then picks one instead of sending). */
  open: boolean;
  /** The listbox and its polite announcement, to render right after the textarea. */
  popup: ReactNode;
}

/** Sets a forwarded ref (object or callback). */
function assignRef<T>(ref: Ref<T> | undefined, value: T | null): void {
  if (typeof ref === 'function') ref(value);
  else if (ref) ref.current = value;
}

/**
 * `@name` suggestions for a textarea: typing `@` and a name outside code lists colleagues
 * (Up/Down to move, Enter or Tab to insert `@username `, Escape to close, or a click). The
 * textarea keeps its textbox role (a textarea may not be a combobox) and points at the active
 * option with `aria-activedescendant`. Shared by the forum editor and the incident chat.
 */
export function useMentionAutocomplete({ value, onChange, enabled = true, textareaRef }: MentionAutocompleteOptions): MentionAutocomplete {
  const { api } = useSession();
  const id = useId();
  const ownRef = useRef<HTMLTextAreaElement | null>(null);
  const ref = useCallback(
    (element: HTMLTextAreaElement | null) => {
      ownRef.current = element;
      assignRef(textareaRef, element);
    },
    [textareaRef],
  );
  // Where the caret is while the textarea has the focus; null otherwise (no suggestions then).
  const [caret, setCaret] = useState<number | null>(null);
  // The mention whose suggestions were closed with Escape ("start:query"); typing on reopens them.
  const [dismissed, setDismissed] = useState<string | null>(null);
  const [cursor, setCursor] = useState<{ users: readonly Author[]; index: number } | null>(null);
  const pendingCaret = useRef<number | null>(null);

  const mention = enabled && caret !== null ? findMention(value, Math.min(caret, value.length)) : null;
  const mentionKey = mention ? `${mention.start}:${mention.query}` : null;
  const suggestions = useUserSuggestions(api, mention && mentionKey !== dismissed ? mention.query : null);
  const users = mention && mentionKey !== dismissed && suggestions?.query === mention.query ? suggestions.users : [];
  const open = users.length > 0;
  const active = cursor && cursor.users === users ? Math.min(cursor.index, users.length - 1) : 0;
  const listboxId = `${id}-mentions`;
  const optionId = (index: number) => `${id}-mention-${index}`;

  // After an insertion, the caret goes behind the inserted name once the new value is rendered.
  useLayoutEffect(() => {
    const element = ownRef.current;
    if (pendingCaret.current === null || !element || element.value !== value) return;
    element.setSelectionRange(pendingCaret.current, pendingCaret.current);
    pendingCaret.current = null;
  }, [value]);

  const trackCaret = (event: SyntheticEvent<HTMLTextAreaElement>) => {
    const element = event.currentTarget;
    setCaret(element.selectionStart ?? element.value.length);
  };

  const choose = (user: Author) => {
    if (!mention) return;
    const next = insertMention(value, mention, user.username);
    pendingCaret.current = next.caret;
    setCaret(next.caret);
    onChange(next.text);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>): boolean => {
    if (!open) return false;
    const move = (index: number) => setCursor({ users, index: (index + users.length) % users.length });
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        move(active + 1);
        return true;
      case 'ArrowUp':
        event.preventDefault();
        move(active - 1);
        return true;
      case 'Enter':
      case 'Tab':
        if (event.shiftKey || event.altKey || event.ctrlKey || event.metaKey) return false;
        event.preventDefault();
        choose(users[active]!);
        return true;
      case 'Escape':
        event.preventDefault();
        event.stopPropagation(); // closes the suggestions only, not a dialog around the field
        setDismissed(mentionKey);
        return true;
      default:
        return false;
    }
  };

  return {
    ref,
    textareaProps: {
      onSelect: trackCaret,
      onFocus: trackCaret,
      onBlur: () => setCaret(null),
      'aria-autocomplete': 'list',
      'aria-controls': open ? listboxId : undefined,
      'aria-activedescendant': open ? optionId(active) : undefined,
    },
    trackCaret,
    onKeyDown,
    open,
    popup: (
      <>
        {open && (
          <MentionListbox
            id={listboxId}
            users={users}
            active={active}
            optionId={optionId}
            onChoose={choose}
            onHover={(index) => setCursor({ users, index })}
          />
        )}
        <span className="visually-hidden" role="status" aria-live="polite">
          {open ? `${users.length} ${users.length === 1 ? 'person' : 'people'} to mention: Up and Down to choose, Enter to insert.` : ''}
        </span>
      </>
    ),
  };
}
