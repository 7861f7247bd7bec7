import { useId, useState, type KeyboardEvent } from 'react';
import { MAX_TAGS, splitTags, tagProblem } from './articleRules';

export interface TagInputProps {
  tags: string[];
  onChange: (tags: string[]) => void;
  /** A message from the server for `tags` (or `tags[n]`). */
  error?: string | undefined;
}

/**
 * Tags as chips: type one and press Enter or a comma (or leave the field) to add it; × or
 * Backspace in the empty field removes one. A tag the server would refuse stays in the field with
 * the reason next to it, so nothing typed is lost.
 */
export function TagInput({ tags, onChange, error }: TagInputProps) {
  const id = useId();
  const [draft, setDraft] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  const commit = (text: string): boolean => {
    const parts = splitTags(text);
    if (parts.length === 0) {
      setDraft('');
      return true;
    }
    let next = [...tags];
    for (const part of parts) {
      const why = tagProblem(part, next);
      if (why) {
        setProblem(why);
        setDraft(parts.slice(parts.indexOf(part)).join(', '));
        onChange(next);
        return false;
      }
      if (!next.includes(part)) next = [...next, part];
    }
    setProblem(null);
    setDraft('');
    onChange(next);
    return true;
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter' && !(event.ctrlKey || event.metaKey)) {
      event.preventDefault(); // Enter adds the tag; it must not submit the form.
      commit(draft);
    } else if (event.key === ',') {
      event.preventDefault();
      commit(draft);
    } else if (event.key === 'Backspace' && draft === '' && tags.length > 0) {
      onChange(tags.slice(0, -1));
    }
  };

  const shown = problem ?? error;
  return (
    <div className="field tag-input" data-testid="tag-input">
      <label htmlFor={`${id}-input`}>Tags</label>
      {tags.length > 0 && (
        <ul className="label-picker__chips" aria-label="Tags added">
          {tags.map((tag) => (
            <li key={tag} className="chip" data-testid="tag-chip">
              <span>{tag}</span>
              <button
                type="button"
                className="chip__remove"
                aria-label={`Remove tag ${tag}`}
                onClick={() => onChange(tags.filter((t) => t !== tag))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <input
        id={`${id}-input`}
        className="input"
        value={draft}
        autoComplete="off"
        spellCheck={false}
        onChange={(e) => {
          const value = e.currentTarget.value;
          // Typing or pasting a comma adds what comes before it.
          if (value.includes(',')) commit(value);
          else {
            setDraft(value);
            if (problem) setProblem(null);
          }
        }}
        onBlur={() => commit(draft)}
        onKeyDown={onKeyDown}
        aria-invalid={shown ? true : undefined}
        aria-describedby={`${id}-hint${shown ? ` ${id}-error` : ''}`}
        data-testid="tag-input-field"
      />
      <span id={`${id}-hint`} className="field__hint">
        Press Enter or comma after each tag (a space also separates tags); up to {MAX_TAGS}, e.g. <code>ransomware</code>, <code>t1486</code>, <code>m1040</code>.
      </span>
      {shown && (
        <p id={`${id}-error`} className="field__error" data-testid="tag-input-error">
          {shown}
        </p>
      )}
    </div>
  );
}
