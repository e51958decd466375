/**
 * Who is the same person across rounds and competitions when records do not share an id: each
 * round has its own contestant records (advancement, src/db/advancement.ts, copies a contestant
 * under a new id, linked to the original by name and unit only), and each competition its own.
 * Name and unit are compared after NFKC, trimming and collapsing runs of white space, so
 * full-width and half-width spellings and stray spaces are the same; no unit is its own value.
 */
import { normaliseUnit } from './recusal.ts';

/** NFKC, trimmed, runs of white space as one space. */
function normaliseName(name: string): string {
  return name.normalize('NFKC').trim().replace(/\s+/g, ' ');
}

/** Name and unit as compared: the same for every spelling of one person. */
export function normalisedPerson(person: { name: string; unit: string | null }): {
  name: string;
  unit: string | null;
} {
  const unit = normaliseUnit(person.unit);
  return { name: normaliseName(person.name), unit: unit === null ? null : unit.replace(/\s+/g, ' ') };
}

/** The normalised "name\tunit" ("张三\t三工镇"; "张三\t" without a unit). */
export function personKey(person: { name: string; unit: string | null }): string {
  const { name, unit } = normalisedPerson(person);
  return `${name}\t${unit ?? ''}`;
}

/** The key as a person reads it: "张三 三工镇". */
export function shownPersonKey(key: string): string {
  return key.replace('\t', ' ').trim();
}
