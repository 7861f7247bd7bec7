import { useContext, useId, useState, type KeyboardEvent } from 'react';
import { CLASSIFICATIONS, RELEASABLE_TO_ALL, type Label } from '../api/types';
import { countryName, isCountryCode } from '../profile/countries';
import { SessionContext } from '../shell/SessionContext';
import {
  assignableClassifications,
  canAssignAny,
  type Chooser,
  isReleasableToAll,
  labelProblems,
  normalizeCountries,
  rank,
  releasabilityChoices,
} from './labelRules';
import { formatMarking, markingClassName } from './marking';

export interface LabelPickerProps {
  value: Label;
  onChange: (label: Label) => void;
  /** The container's label (or the current label when raising one): every choice dominates it. */
  floor: Label;
  /** Who chooses; defaults to the signed-in user. */
  me?: Chooser;
  /** The heading of the group, e.g. "Label" or "New label". */
  legend?: string;
  /** Messages from the server for `label.classification` / `label.releasableTo`. */
  errors?: { classification?: string | undefined; releasableTo?: string | undefined };
  disabled?: boolean;
}

function countryText(code: string): string {
  const name = countryName(code);
  return name ? `${name} (${code})` : code;
}

/**
 * Chooses a security label: a classification and the countries it is released to. It offers
 * only labels the chooser may assign under `floor` (see labelRules): classifications from the
 * floor's up to the chooser's clearance; "all countries" only under a floor released to all;
 * otherwise a list that keeps the chooser's own country and stays inside the floor's list.
 */
export function LabelPicker({ value, onChange, floor, me, legend = 'Label', errors, disabled }: LabelPickerProps) {
  const session = useContext(SessionContext);
  const who: Chooser = me ?? session?.me ?? { clearance: 'UNCLASSIFIED', country: '' };
  const id = useId();
  const [draftCountry, setDraftCountry] = useState('');
  const [countryError, setCountryError] = useState<string | null>(null);

  if (!canAssignAny(who, floor)) {
    return (
      <div className="label-picker label-picker--none" data-testid="label-picker">
        <p className="field__error">You cannot assign a label here: this place is labelled above what you may read.</p>
      </div>
    );
  }

  const levels = assignableClassifications(who, floor);
  const choices = releasabilityChoices(floor);
  const all = isReleasableToAll(value.releasableTo);
  const countries = all ? [] : normalizeCountries(value.releasableTo);
  const problems = labelProblems(value, who, floor);
  const classificationError = errors?.classification ?? problems.classification;
  const releasabilityError = errors?.releasableTo ?? countryError ?? problems.releasableTo;

  const set = (next: Partial<Label>) => onChange({ ...value, ...next });
  const setCountries = (next: string[]) => set({ releasableTo: normalizeCountries(next) });

  const addDraftCountry = () => {
    const code = draftCountry.trim().toUpperCase();
    if (code === '') return;
    if (!isCountryCode(code)) {
      setCountryError(`${code} is not an ISO 3166-1 alpha-3 country code.`);
      return;
    }
    setCountryError(null);
    setDraftCountry('');
    setCountries([...countries, code]);
  };

  const onDraftKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') {
      event.preventDefault(); // Enter adds the country; it must not submit the surrounding form.
      addDraftCountry();
    }
  };

  const classificationId = `${id}-classification`;
  const releasabilityErrorId = `${id}-releasability-error`;
  const classificationErrorId = `${id}-classification-error`;
  const marking = formatMarking(value);

  return (
    <fieldset className="label-picker" disabled={disabled} data-testid="label-picker">
      <legend>{legend}</legend>
      <div className="label-picker__row">
        <div className="field label-picker__classification">
          <label htmlFor={classificationId}>Classification</label>
          <select
            id={classificationId}
            className="input"
            value={value.classification}
            onChange={(event) => {
              const next = CLASSIFICATIONS.find((level) => level === event.currentTarget.value);
              if (next) set({ classification: next });
            }}
            aria-invalid={classificationError ? true : undefined}
            aria-describedby={classificationError ? classificationErrorId : undefined}
            data-testid="label-classification"
          >
            {levels.map((level) => (
              <option key={level} value={level}>
                {level}
              </option>
            ))}
          </select>
          {classificationError && (
            <p id={classificationErrorId} className="field__error" data-testid="label-classification-error">
              {classificationError}
            </p>
          )}
        </div>

        <fieldset className="label-picker__releasability">
          <legend>Releasable to</legend>
          <div className="label-picker__modes">
            {choices.allowAll && (
              <label className="label-picker__mode">
                <input
                  type="radio"
                  name={`${id}-mode`}
                  checked={all}
                  onChange={() => set({ releasableTo: [RELEASABLE_TO_ALL] })}
                  data-testid="label-rel-all"
                />
                All countries
              </label>
            )}
            <label className="label-picker__mode">
              <input
                type="radio"
                name={`${id}-mode`}
                checked={!all}
                onChange={() =>
                  setCountries(choices.countries === 'any' ? [who.country] : [...choices.countries])
                }
                data-testid="label-rel-countries"
              />
              Only these countries
            </label>
          </div>

          {!all && choices.countries !== 'any' && (
            <ul className="label-picker__countries" aria-label="Countries">
              {choices.countries.map((code) => {
                const own = code === who.country;
                return (
                  <li key={code}>
                    <label>
                      <input
                        type="checkbox"
                        checked={countries.includes(code)}
                        disabled={own}
                        onChange={(event) =>
                          setCountries(
                            event.currentTarget.checked
                              ? [...countries, code]
                              : countries.filter((c) => c !== code),
                          )
                        }
                        data-testid={`label-country-${code}`}
                      />
                      {countryText(code)}
                      {own && <span className="label-picker__own"> (your country, always included)</span>}
                    </label>
                  </li>
                );
              })}
            </ul>
          )}

          {!all && choices.countries === 'any' && (
            <>
              <ul className="label-picker__chips" aria-label="Countries">
                {countries.map((code) => (
                  <li key={code} className="chip" data-testid={`label-country-${code}`}>
                    {countryText(code)}
                    {code === who.country ? (
                      <span className="visually-hidden"> (your country, always included)</span>
                    ) : (
                      <button
                        type="button"
                        className="chip__remove"
                        aria-label={`Remove ${countryText(code)}`}
                        onClick={() => setCountries(countries.filter((c) => c !== code))}
                      >
                        ×
                      </button>
                    )}
                  </li>
                ))}
              </ul>
              <div className="label-picker__add">
                <label htmlFor={`${id}-add`} className="visually-hidden">
                  Add a country (alpha-3 code)
                </label>
                <input
                  id={`${id}-add`}
                  className="input label-picker__add-input"
                  value={draftCountry}
                  placeholder="e.g. KEN"
                  maxLength={3}
                  autoComplete="off"
                  spellCheck={false}
                  onChange={(event) => setDraftCountry(event.currentTarget.value)}
                  onKeyDown={onDraftKeyDown}
                  data-testid="label-country-input"
                />
                <button
                  type="button"
                  className="button button--secondary button--small"
                  onClick={addDraftCountry}
                  data-testid="label-country-add"
                >
                  Add country
                </button>
              </div>
            </>
          )}
          {releasabilityError && (
            <p id={releasabilityErrorId} className="field__error" data-testid="label-releasability-error">
              {releasabilityError}
            </p>
          )}
        </fieldset>
      </div>
      <p className="label-picker__result">
        Marking:{' '}
        <span className={`marking marking-chip ${markingClassName(value.classification)}`} data-testid="label-marking">
          {marking}
        </span>
        {rank(value.classification) > rank(floor.classification) || !isReleasableToAll(value.releasableTo) ? (
          <span className="label-picker__note"> Readers without this clearance or country will not see it at all.</span>
        ) : null}
      </p>
    </fieldset>
  );
}
