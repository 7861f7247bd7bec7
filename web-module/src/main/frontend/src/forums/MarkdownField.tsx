import { useCallback, useId, useLayoutEffect, useRef, useState, type KeyboardEvent, type Ref, type SyntheticEvent } from 'react';
import type { Author } from '../api/types';
import { MAX_POST_BYTES, utf8Bytes } from '../common/formProblem';
import { useSession } from '../shell/SessionContext';
import { findMention, insertMention } from './mentions';
import { MentionListbox, useUserSuggestions } from './MentionSuggestions';

export interface MarkdownFieldProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  /** Ctrl/Cmd+Enter: send the form. */
  onSubmitShortcut: () => void;
  error?: string | undefined;
  testId: string;
  rows?: number;
  textareaRef?: Ref<HTMLTextAreaElement>;
  placeholder?: string;
}

/** Sets a forwarded ref (object or callback) as well as the field's own. */
function assignRef<T>(ref: Ref<T> | undefined, value: T | null): void {
  if (typeof ref === 'function') ref(value);
  else if (ref) ref.current = value;
}

/**
 * A Markdown body with Write and Preview tabs. The preview shows the text as it will be sent,
 * without formatting: Markdown is rendered (and sanitized) by the server after posting, and the
 * browser renders no HTML of its own making.
 *
 * Typing `@` and a name outside code suggests colleagues under the textarea (Up/Down to move,
 * Enter or Tab to insert `@username `, Escape to close, or a click). The textarea keeps its
 * textbox role (a textarea may not be a combobox) and points at the active option with
 * `aria-activedescendant`.
 */
export function MarkdownField({
  label,
  value,
  onChange,
  onSubmitShortcut,
  error,
  testId,
  rows = 8,
  textareaRef,
  placeholder,
}: MarkdownFieldProps) {
  const { api } = useSession();
  const id = useId();
  const [tab, setTab] = useState<'write' | 'preview'>('write');
  const ownRef = useRef<HTMLTextAreaElement | null>(null);
  const setRefs = useCallback(
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

  const mention = tab === 'write' && caret !== null ? findMention(value, Math.min(caret, value.length)) : null;
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

  const bytes = utf8Bytes(value);
  const tooLarge = bytes > MAX_POST_BYTES;
  const errorText = error ?? (tooLarge ? `Too long: ${bytes.toLocaleString()} bytes of at most ${MAX_POST_BYTES.toLocaleString()}.` : undefined);

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      onSubmitShortcut();
      return;
    }
    if (!open) return;
    const move = (index: number) => setCursor({ users, index: (index + users.length) % users.length });
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        move(active + 1);
        break;
      case 'ArrowUp':
        event.preventDefault();
        move(active - 1);
        break;
      case 'Enter':
      case 'Tab':
        if (event.shiftKey || event.altKey) return;
        event.preventDefault();
        choose(users[active]!);
        break;
      case 'Escape':
        event.preventDefault();
        event.stopPropagation(); // closes the suggestions only, not a dialog around the field
        setDismissed(mentionKey);
        break;
    }
  };

  return (
    <div className="field markdown-field">
      <div className="markdown-field__bar">
        <label htmlFor={`${id}-text`}>{label}</label>
        <div role="tablist" aria-label={`${label}: write or preview`} className="markdown-field__tabs">
          <button
            type="button"
            role="tab"
            id={`${id}-tab-write`}
            aria-selected={tab === 'write'}
            aria-controls={`${id}-write`}
            className="markdown-field__tab"
            onClick={() => setTab('write')}
          >
            Write
          </button>
          <button
            type="button"
            role="tab"
            id={`${id}-tab-preview`}
            aria-selected={tab === 'preview'}
            aria-controls={`${id}-preview`}
            className="markdown-field__tab"
            onClick={() => setTab('preview')}
            data-testid={`${testId}-preview-tab`}
          >
            Preview
          </button>
        </div>
      </div>
      <div
        id={`${id}-write`}
        role="tabpanel"
        aria-labelledby={`${id}-tab-write`}
        hidden={tab !== 'write'}
        className="markdown-field__write"
      >
        <textarea
          id={`${id}-text`}
          ref={setRefs}
          className="input markdown-field__text"
          rows={rows}
          value={value}
          placeholder={placeholder}
          onChange={(event) => {
            trackCaret(event);
            onChange(event.currentTarget.value);
          }}
          onSelect={trackCaret}
          onFocus={trackCaret}
          onBlur={() => setCaret(null)}
          onKeyDown={onKeyDown}
          aria-autocomplete="list"
          aria-controls={open ? listboxId : undefined}
          aria-activedescendant={open ? optionId(active) : undefined}
          aria-invalid={errorText ? true : undefined}
          aria-describedby={`${id}-hint${errorText ? ` ${id}-error` : ''}`}
          data-testid={testId}
        />
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
      </div>
      <div
        id={`${id}-preview`}
        role="tabpanel"
        aria-labelledby={`${id}-tab-preview`}
        hidden={tab !== 'preview'}
        className="markdown-field__preview"
        tabIndex={0}
        data-testid={`${testId}-preview`}
      >
        {value.trim() === '' ? <p className="muted">Nothing to preview.</p> : <div className="markdown-field__plain">{value}</div>}
        <p className="field__hint">Formatting is rendered after posting.</p>
      </div>
      <span id={`${id}-hint`} className="field__hint">
        Markdown: **bold**, _italic_, `code`, ``` fenced blocks ```, lists, links, @username to mention. Ctrl+Enter (⌘+Enter) sends.
      </span>
      {errorText && (
        <p id={`${id}-error`} className="field__error" data-testid={`${testId}-error`}>
          {errorText}
        </p>
      )}
    </div>
  );
}
