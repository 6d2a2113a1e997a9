// Literals as a reader reads them: years as years, numbers as numbers, percentages with "%",
// dates as dates, booleans as yes/no. Language tags and datatypes stay in the RDF formats.
import type { Literal } from 'n3';
import { XSD, ontologyNamespace } from '../../rdf/vocab.js';

const NUMBERS = new Set([
  'integer',
  'decimal',
  'double',
  'float',
  'int',
  'long',
  'nonNegativeInteger',
  'positiveInteger',
]);
const numberFormat = new Intl.NumberFormat('en', { maximumFractionDigits: 6 });

/** Properties whose numbers are percentages (ours, by local name). */
const PERCENTAGES = new Set(['percentage']);

/** The text of a literal as shown; `property` is the predicate it is a value of, when known. */
export function plainLiteral(literal: Literal, baseIri: string, property?: string): string {
  const { value } = literal;
  const datatype = literal.datatype.value;
  if (!datatype.startsWith(XSD)) return value;
  const type = datatype.slice(XSD.length);
  if (NUMBERS.has(type)) {
    const number = Number(value);
    if (!Number.isFinite(number) || value.trim() === '') return value;
    const text = numberFormat.format(number);
    const mig = ontologyNamespace(baseIri);
    return property?.startsWith(mig) && PERCENTAGES.has(property.slice(mig.length)) ? `${text}%` : text;
  }
  if (type === 'boolean') return value === 'true' || value === '1' ? 'yes' : 'no';
  if (type === 'gYear') return value.replace(/^(-?\d{4,})(?:Z|[+-]\d\d:\d\d)?$/, '$1');
  if (type === 'gYearMonth') return monthYear(value) ?? value;
  if (type === 'date') return value.replace(/(?:Z|[+-]\d\d:\d\d)$/, '');
  return value;
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

function monthYear(value: string): string | undefined {
  const match = /^(\d{4})-(\d\d)/.exec(value);
  const month = match ? MONTHS[Number(match[2]) - 1] : undefined;
  return match && month ? `${month} ${match[1]}` : undefined;
}
