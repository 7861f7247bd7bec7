/**
 * The label rules the interface applies before it offers a choice (PRODUCT.md, "The security
 * model"): dominance, R1 for the person choosing (W2) and containment in the container (W1).
 *
 * These only shape what a label picker offers; the server decides again on every write. They
 * mirror the back end's `access` rules and must agree with them: a picker that offers a label the
 * server refuses costs the person their typing, one that hides a legal label costs them a choice.
 */
import { CLASSIFICATIONS, RELEASABLE_TO_ALL, type Classification, type Label, type Me } from '../api/types';

/** Who is choosing: their clearance and country decide what they may assign (W2). */
export type Chooser = Pick<Me, 'clearance' | 'country'>;

export function rank(classification: Classification): number {
  return CLASSIFICATIONS.indexOf(classification);
}

/** `["ALL"]` (or any list holding ALL) means every country. */
export function isReleasableToAll(releasableTo: readonly string[]): boolean {
  return releasableTo.includes(RELEASABLE_TO_ALL);
}

/** Upper-cased, de-duplicated and sorted country codes; `["ALL"]` when ALL is among them. */
export function normalizeCountries(releasableTo: readonly string[]): string[] {
  const upper = releasableTo.map((code) => code.trim().toUpperCase()).filter((code) => code !== '');
  if (upper.includes(RELEASABLE_TO_ALL)) return [RELEASABLE_TO_ALL];
  return [...new Set(upper)].sort();
}

/**
 * A dominates B when A.classification ≥ B.classification and A.releasableTo ⊆ B.releasableTo,
 * ALL being the set of every country.
 */
export function dominates(a: Label, b: Label): boolean {
  if (rank(a.classification) < rank(b.classification)) return false;
  if (isReleasableToAll(b.releasableTo)) return true;
  if (isReleasableToAll(a.releasableTo)) return false;
  return a.releasableTo.every((country) => b.releasableTo.includes(country));
}

/** R1 for one label: clearance ≥ classification and the country is released to. */
export function mayRead(who: Chooser, label: Label): boolean {
  return (
    rank(who.clearance) >= rank(label.classification) &&
    (isReleasableToAll(label.releasableTo) || label.releasableTo.includes(who.country))
  );
}

/** The classifications someone may put on an item in a container labelled `floor`, lowest first. */
export function assignableClassifications(who: Chooser, floor: Label): Classification[] {
  return CLASSIFICATIONS.filter(
    (level) => rank(level) >= rank(floor.classification) && rank(level) <= rank(who.clearance),
  );
}

/** What the releasability part of a picker may offer under a floor. */
export interface ReleasabilityChoices {
  /** "All countries" may be chosen (only under a floor releasable to all). */
  allowAll: boolean;
  /**
   * The countries that may be picked: the floor's list, or `'any'` under a floor releasable to
   * all. The chooser's own country must always be among those picked.
   */
  countries: readonly string[] | 'any';
}

export function releasabilityChoices(floor: Label): ReleasabilityChoices {
  if (isReleasableToAll(floor.releasableTo)) return { allowAll: true, countries: 'any' };
  return { allowAll: false, countries: normalizeCountries(floor.releasableTo) };
}

/** Why a label may not be assigned, per field (the server's field names). Empty when it may. */
export interface LabelProblems {
  classification?: string;
  releasableTo?: string;
}

/** Checks W2 (the chooser could read it) and W1 (it dominates the floor), per field. */
export function labelProblems(label: Label, who: Chooser, floor: Label): LabelProblems {
  const problems: LabelProblems = {};
  if (rank(label.classification) > rank(who.clearance)) {
    problems.classification = `${label.classification} is above your clearance (${who.clearance}).`;
  } else if (rank(label.classification) < rank(floor.classification)) {
    problems.classification = `Must be at least ${floor.classification}, the classification of where it is posted.`;
  }
  const countries = label.releasableTo;
  if (countries.length === 0) {
    problems.releasableTo = 'Choose all countries or at least your own.';
  } else if (isReleasableToAll(countries)) {
    if (!isReleasableToAll(floor.releasableTo)) {
      problems.releasableTo = 'Cannot be released to all countries here: pick among the countries it is released to.';
    }
  } else if (!countries.includes(who.country)) {
    problems.releasableTo = `Must include your own country (${who.country}), or you could not read it yourself.`;
  } else if (!isReleasableToAll(floor.releasableTo)) {
    const outside = countries.filter((country) => !floor.releasableTo.includes(country));
    if (outside.length > 0) {
      problems.releasableTo = `Cannot add ${outside.join(', ')}: only the countries it is already released to may be kept.`;
    }
  }
  return problems;
}

export function hasProblems(problems: LabelProblems): boolean {
  return problems.classification !== undefined || problems.releasableTo !== undefined;
}

/** Whether `who` may assign `label` under `floor` (W1 and W2). */
export function mayAssign(label: Label, who: Chooser, floor: Label): boolean {
  return !hasProblems(labelProblems(label, who, floor));
}

/** Whether anything at all may be assigned: the chooser can read the floor. */
export function canAssignAny(who: Chooser, floor: Label): boolean {
  return mayAssign({ classification: floor.classification, releasableTo: normalizeCountries(floor.releasableTo) }, who, floor);
}

/** The picker's starting value: the floor itself (the least restrictive label allowed). */
export function defaultLabel(floor: Label): Label {
  return { classification: floor.classification, releasableTo: normalizeCountries(floor.releasableTo) };
}

export function sameLabel(a: Label, b: Label): boolean {
  const x = normalizeCountries(a.releasableTo);
  const y = normalizeCountries(b.releasableTo);
  return a.classification === b.classification && x.length === y.length && x.every((c, i) => c === y[i]);
}

/** The lowest label of all: what a forum sits under (anything may be chosen). */
export const OPEN_FLOOR: Label = { classification: 'UNCLASSIFIED', releasableTo: [RELEASABLE_TO_ALL] };

/**
 * The marking a page must carry when it shows all of `labels`: the highest classification and
 * only the countries every label is releasable to (classification-banner practice: the banner is
 * at least as restrictive as anything on the page). `labels` must not be empty.
 */
export function pageLabel(labels: readonly Label[]): Label {
  const classification = labels.reduce<Classification>(
    (highest, label) => (rank(label.classification) > rank(highest) ? label.classification : highest),
    labels[0]?.classification ?? 'UNCLASSIFIED',
  );
  let countries: string[] | null = null;
  for (const label of labels) {
    if (isReleasableToAll(label.releasableTo)) continue;
    const own = normalizeCountries(label.releasableTo);
    countries = countries === null ? own : countries.filter((country) => own.includes(country));
  }
  return { classification, releasableTo: countries === null ? [RELEASABLE_TO_ALL] : countries };
}
