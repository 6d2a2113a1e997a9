// SPARQL results written by the platform, for answers that did not come from Oxigraph (a remote
// store's, read as SPARQL results JSON): the four results formats of rdf/result-formats.ts, laid
// out as Oxigraph writes them, so a client sees one shape whichever store answered.
// Formats: SPARQL 1.1 Query Results JSON, XML, CSV and TSV (W3C Recommendations, 2013).
import type { Term } from 'n3';

/** One solution: each bound variable's term (unbound ones are absent). */
export type Solution = Readonly<Record<string, Term>>;

const XSD = 'http://www.w3.org/2001/XMLSchema#';
const XSD_STRING = `${XSD}string`;
const RDF_LANG_STRING = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#langString';

/** SELECT solutions in the results format `formatId` (json, xml, csv, tsv). */
export function writeSolutions(formatId: string, variables: readonly string[], rows: readonly Solution[]): string {
  switch (formatId) {
    case 'json':
      return JSON.stringify({
        head: { vars: variables },
        results: { bindings: rows.map((row) => jsonBinding(variables, row)) },
      });
    case 'xml':
      return (
        `<?xml version="1.0"?><sparql xmlns="http://www.w3.org/2005/sparql-results#"><head>` +
        variables.map((v) => `<variable name="${xml(v)}"/>`).join('') +
        '</head><results>' +
        rows.map((row) => `<result>${xmlBindings(variables, row)}</result>`).join('') +
        '</results></sparql>'
      );
    case 'csv':
      return [variables.join(','), ...rows.map((row) => variables.map((v) => csvField(row[v])).join(','))]
        .map((line) => `${line}\r\n`)
        .join('');
    case 'tsv':
      return [
        variables.map((v) => `?${v}`).join('\t'),
        ...rows.map((row) => variables.map((v) => tsvTerm(row[v])).join('\t')),
      ]
        .map((line) => `${line}\n`)
        .join('');
    default:
      throw new Error(`no solutions writer for the format ${formatId}`);
  }
}

/** An ASK answer in the results format `formatId`. */
export function writeBoolean(formatId: string, value: boolean): string {
  switch (formatId) {
    case 'json':
      return JSON.stringify({ head: {}, boolean: value });
    case 'xml':
      return `<?xml version="1.0"?><sparql xmlns="http://www.w3.org/2005/sparql-results#"><head></head><boolean>${value}</boolean></sparql>`;
    case 'csv':
    case 'tsv':
      return String(value);
    default:
      throw new Error(`no solutions writer for the format ${formatId}`);
  }
}

function jsonBinding(variables: readonly string[], row: Solution): Record<string, unknown> {
  const binding: Record<string, unknown> = {};
  for (const name of variables) {
    const term = row[name];
    if (!term) continue;
    if (term.termType === 'NamedNode') binding[name] = { type: 'uri', value: term.value };
    else if (term.termType === 'BlankNode') binding[name] = { type: 'bnode', value: term.value };
    else if (term.termType === 'Literal')
      binding[name] = {
        type: 'literal',
        value: term.value,
        ...(term.language
          ? { 'xml:lang': term.language }
          : term.datatype.value !== XSD_STRING
            ? { datatype: term.datatype.value }
            : {}),
      };
  }
  return binding;
}

function xmlBindings(variables: readonly string[], row: Solution): string {
  let out = '';
  for (const name of variables) {
    const term = row[name];
    if (!term) continue;
    let value: string;
    if (term.termType === 'NamedNode') value = `<uri>${xmlText(term.value)}</uri>`;
    else if (term.termType === 'BlankNode') value = `<bnode>${xmlText(term.value)}</bnode>`;
    else if (term.termType === 'Literal') {
      const attribute = term.language
        ? ` xml:lang="${xml(term.language)}"`
        : term.datatype.value !== XSD_STRING
          ? ` datatype="${xml(term.datatype.value)}"`
          : '';
      value = `<literal${attribute}>${xmlText(term.value)}</literal>`;
    } else continue;
    out += `<binding name="${xml(name)}">${value}</binding>`;
  }
  return out;
}

const XML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

/** XML's white space as character references. */
const XML_SPACES: Record<string, string> = { ' ': '&#32;', '\t': '&#9;', '\n': '&#10;', '\r': '&#13;' };

/** Attribute content (names, language tags, IRIs): the five markup characters as entities. */
function xml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => XML_ESCAPES[c] ?? c);
}

/**
 * Text content as Oxigraph writes it: the markup characters as entities, and XML's white space
 * (space, tab, line feed, carriage return) as character references where it leads or trails the
 * text (a reader that trims text keeps it); white space inside the text is written as it is.
 */
function xmlText(text: string): string {
  const isSpace = (i: number): boolean => XML_SPACES[text.charAt(i)] !== undefined;
  let start = 0;
  while (start < text.length && isSpace(start)) start++;
  let end = text.length;
  while (end > start && isSpace(end - 1)) end--;
  const references = (run: string): string => Array.from(run, (c) => XML_SPACES[c] ?? c).join('');
  return references(text.slice(0, start)) + xml(text.slice(start, end)) + references(text.slice(end));
}

/** CSV: the term's plain value (IRIs bare, blank nodes as _:id), quoted when it must be. */
function csvField(term: Term | undefined): string {
  if (!term) return '';
  const value = term.termType === 'BlankNode' ? `_:${term.value}` : term.value;
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** TSV: the term in Turtle's syntax, numbers and booleans in their short form. */
function tsvTerm(term: Term | undefined): string {
  if (!term) return '';
  if (term.termType === 'NamedNode') return `<${term.value}>`;
  if (term.termType === 'BlankNode') return `_:${term.value}`;
  if (term.termType !== 'Literal') return '';
  const datatype = term.datatype.value;
  const v = term.value;
  if (
    (datatype === `${XSD}integer` && /^[+-]?\d+$/.test(v)) ||
    (datatype === `${XSD}decimal` && /^[+-]?\d*\.\d+$/.test(v)) ||
    (datatype === `${XSD}double` && /^[+-]?(\d+(\.\d*)?|\.\d+)[eE][+-]?\d+$/.test(v)) ||
    (datatype === `${XSD}boolean` && (v === 'true' || v === 'false'))
  )
    return v;
  const quoted = `"${v.replace(/[\\"\n\r\t]/g, (c) => ({ '\\': '\\\\', '"': '\\"', '\n': '\\n', '\r': '\\r', '\t': '\\t' })[c] ?? c)}"`;
  if (term.language) return `${quoted}@${term.language}`;
  return datatype === XSD_STRING || datatype === RDF_LANG_STRING ? quoted : `${quoted}^^<${datatype}>`;
}
