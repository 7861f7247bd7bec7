import { useId } from 'react';
import { MAX_REFERENCE_TITLE, MAX_REFERENCES, MAX_URL, type ReferenceRow } from './articleRules';

export interface ReferencesFieldProps {
  rows: ReferenceRow[];
  onChange: (rows: ReferenceRow[]) => void;
  /** By server field name: `references`, `references[0].url`, … */
  errors: Record<string, string | undefined>;
  nextKey: () => number;
}

/** Reference rows (title + address), added and removed one by one; blank rows are not sent. */
export function ReferencesField({ rows, onChange, errors, nextKey }: ReferencesFieldProps) {
  const id = useId();
  const update = (key: number, change: Partial<ReferenceRow>) => onChange(rows.map((r) => (r.key === key ? { ...r, ...change } : r)));
  // Errors are numbered over the filled rows, as the server numbers the list it received.
  let filledIndex = -1;
  return (
    <fieldset className="field references-field" data-testid="references-field">
      <legend>References</legend>
      {rows.length === 0 && <p className="field__hint">No references yet.</p>}
      <ol className="references-field__rows">
        {rows.map((row, index) => {
          const filled = row.title.trim() !== '' || row.url.trim() !== '';
          if (filled) filledIndex++;
          const titleError = filled ? errors[`references[${filledIndex}].title`] : undefined;
          const urlError = filled ? errors[`references[${filledIndex}].url`] : undefined;
          const rowError = filled ? errors[`references[${filledIndex}]`] : undefined;
          return (
            <li key={row.key} className="references-field__row" data-testid="reference-row">
              <div className="field">
                <label htmlFor={`${id}-${row.key}-title`}>Title of reference {index + 1}</label>
                <input
                  id={`${id}-${row.key}-title`}
                  className="input"
                  value={row.title}
                  maxLength={MAX_REFERENCE_TITLE}
                  onChange={(e) => update(row.key, { title: e.currentTarget.value })}
                  aria-invalid={titleError ? true : undefined}
                  aria-describedby={titleError ? `${id}-${row.key}-title-error` : undefined}
                  data-testid="reference-title"
                />
                {titleError && (
                  <p id={`${id}-${row.key}-title-error`} className="field__error" data-testid="reference-title-error">
                    {titleError}
                  </p>
                )}
              </div>
              <div className="field">
                <label htmlFor={`${id}-${row.key}-url`}>Address of reference {index + 1}</label>
                <input
                  id={`${id}-${row.key}-url`}
                  className="input"
                  type="url"
                  inputMode="url"
                  value={row.url}
                  maxLength={MAX_URL}
                  placeholder="https://"
                  onChange={(e) => update(row.key, { url: e.currentTarget.value })}
                  aria-invalid={urlError || rowError ? true : undefined}
                  aria-describedby={urlError || rowError ? `${id}-${row.key}-url-error` : undefined}
                  data-testid="reference-url"
                />
                {(urlError || rowError) && (
                  <p id={`${id}-${row.key}-url-error`} className="field__error" data-testid="reference-url-error">
                    {urlError ?? rowError}
                  </p>
                )}
              </div>
              <button
                type="button"
                className="button button--secondary button--small references-field__remove"
                onClick={() => onChange(rows.filter((r) => r.key !== row.key))}
                aria-label={`Remove reference ${index + 1}`}
                data-testid="reference-remove"
              >
                Remove
              </button>
            </li>
          );
        })}
      </ol>
      {rows.length < MAX_REFERENCES && (
        <button
          type="button"
          className="button button--secondary button--small"
          onClick={() => onChange([...rows, { key: nextKey(), title: '', url: '' }])}
          data-testid="reference-add"
        >
          Add reference
        </button>
      )}
      {errors.references && (
        <p className="field__error" data-testid="references-error">
          {errors.references}
        </p>
      )}
    </fieldset>
  );
}
