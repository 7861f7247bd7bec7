import { useId, useState, type KeyboardEvent, type Ref } from 'react';
import { MAX_POST_BYTES, utf8Bytes } from '../common/formProblem';
import { useMentionAutocomplete } from './useMentionAutocomplete';

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
  const id = useId();
  const [tab, setTab] = useState<'write' | 'preview'>('write');
  const mentions = useMentionAutocomplete({ value, onChange, enabled: tab === 'write', textareaRef });

  const bytes = utf8Bytes(value);
  const tooLarge = bytes > MAX_POST_BYTES;
  const errorText = error ?? (tooLarge ? `Too long: ${bytes.toLocaleString()} bytes of at most ${MAX_POST_BYTES.toLocaleString()}.` : undefined);

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      onSubmitShortcut();
      return;
    }
    mentions.onKeyDown(event);
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
          ref={mentions.ref}
          className="input markdown-field__text"
          rows={rows}
          value={value}
          placeholder={placeholder}
          onChange={(event) => {
            mentions.trackCaret(event);
            onChange(event.currentTarget.value);
          }}
          {...mentions.textareaProps}
          onKeyDown={onKeyDown}
          aria-invalid={errorText ? true : undefined}
          aria-describedby={`${id}-hint${errorText ? ` ${id}-error` : ''}`}
          data-testid={testId}
        />
        {mentions.popup}
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
