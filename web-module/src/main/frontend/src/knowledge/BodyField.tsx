import { useId, useState, type KeyboardEvent } from 'react';

export interface BodyFieldProps {
  value: string;
  onChange: (value: string) => void;
  onSubmitShortcut: () => void;
  error?: string | undefined;
  /** The server's sanitized HTML of `savedBody`, shown as the preview while the text is unchanged. */
  savedHtml?: string | null | undefined;
  savedBody?: string | null | undefined;
}

/**
 * The Markdown body: a monospace textarea with Write and Preview tabs. The browser renders no
 * Markdown of its own: the preview is the server's rendering of the saved text while it is
 * unchanged, otherwise the text as it will be sent.
 */
export function BodyField({ value, onChange, onSubmitShortcut, error, savedHtml, savedBody }: BodyFieldProps) {
  const id = useId();
  const [tab, setTab] = useState<'write' | 'preview'>('write');
  const serverPreview = savedHtml && savedBody === value ? savedHtml : null;

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      onSubmitShortcut();
    }
  };

  return (
    <div className="field markdown-field">
      <div className="markdown-field__bar">
        <label htmlFor={`${id}-text`}>Body (Markdown)</label>
        <div role="tablist" aria-label="Body: write or preview" className="markdown-field__tabs">
          <button
            type="button"
            role="tab"
            id={`${id}-tab-write`}
            aria-selected={tab === 'write'}
            aria-controls={`${id}-write`}
            className="markdown-field__tab"
            onClick={() => setTab('write')}
            data-testid="body-write-tab"
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
            data-testid="body-preview-tab"
          >
            Preview
          </button>
        </div>
      </div>
      <div id={`${id}-write`} role="tabpanel" aria-labelledby={`${id}-tab-write`} hidden={tab !== 'write'}>
        <textarea
          id={`${id}-text`}
          className="input markdown-field__text article-editor__body"
          rows={20}
          value={value}
          spellCheck
          onChange={(e) => onChange(e.currentTarget.value)}
          onKeyDown={onKeyDown}
          aria-invalid={error ? true : undefined}
          aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}
          data-testid="editor-body"
        />
      </div>
      <div
        id={`${id}-preview`}
        role="tabpanel"
        aria-labelledby={`${id}-tab-preview`}
        hidden={tab !== 'preview'}
        className="markdown-field__preview"
        tabIndex={0}
        data-testid="body-preview"
      >
        {value.trim() === '' ? (
          <p className="muted">Nothing to preview.</p>
        ) : serverPreview ? (
          <>
            {/* Sanitized by the server. */}
            <div className="article__html" dangerouslySetInnerHTML={{ __html: serverPreview }} data-testid="body-preview-html" />
            <p className="field__hint">As rendered by the server when it was last saved.</p>
          </>
        ) : (
          <>
            <div className="markdown-field__plain" data-testid="body-preview-plain">
              {value}
            </div>
            <p className="field__hint">Formatting is rendered by the server when you save.</p>
          </>
        )}
      </div>
      <span id={`${id}-hint`} className="field__hint">
        Markdown: ## headings, lists, `code`, ``` fenced blocks ``` (readers get a Copy button), [links](https://…). Ctrl+Enter (⌘+Enter) saves.
      </span>
      {error && (
        <p id={`${id}-error`} className="field__error" data-testid="editor-body-error">
          {error}
        </p>
      )}
    </div>
  );
}
