// Turns a validation outcome into text for people or Turtle for machines.
import { Writer, type Quad } from 'n3';
import { sitePrefixes } from '../rdf/layout.js';
import { WELL_KNOWN_PREFIXES } from '../rdf/vocab.js';
import type { ValidationOutcome } from './validate.js';

/** Shortens an IRI with the known prefixes (`mig:Process`, `process:bali-process`). */
export function compactIri(iri: string, prefixes: Record<string, string>): string {
  let best: [string, string] | undefined;
  for (const [prefix, ns] of Object.entries(prefixes)) {
    if (iri.startsWith(ns) && (!best || ns.length > best[1].length)) best = [prefix, ns];
  }
  if (!best) return iri.startsWith('_:') || iri === '' ? iri : `<${iri}>`;
  const local = iri.slice(best[1].length);
  return /^[A-Za-z0-9_-][A-Za-z0-9_.-]*$/.test(local) || local === '' ? `${best[0]}:${local}` : `<${iri}>`;
}

/** A readable report: one block per result, then a summary line. */
export function formatReportText(outcome: ValidationOutcome, baseIri: string): string {
  const prefixes = sitePrefixes(baseIri);
  const short = (iri: string): string => compactIri(iri, prefixes);
  const blocks = outcome.issues.map((issue) => {
    const lines = [
      `${issue.severity}: ${issue.message || issue.constraint}`,
      `  focus node: ${short(issue.focusNode)}`,
    ];
    if (issue.path !== undefined) {
      lines.push(`  path:       ${issue.path.startsWith('^') ? `^${short(issue.path.slice(1))}` : short(issue.path)}`);
    }
    if (issue.value !== undefined)
      lines.push(`  value:      ${issue.valueIsLiteral ? JSON.stringify(issue.value) : short(issue.value)}`);
    lines.push(`  shape:      ${short(issue.shape)} (${issue.constraint})`);
    return lines.join('\n');
  });
  const summary = outcome.conforms
    ? 'The data conforms to the shapes.'
    : `The data does not conform: ${outcome.issues.length} result${outcome.issues.length === 1 ? '' : 's'}.`;
  return [...blocks, summary].join('\n\n') + '\n';
}

/** The W3C SHACL validation report in Turtle. */
export function formatReportTurtle(report: Quad[]): Promise<string> {
  const writer = new Writer({ prefixes: { sh: WELL_KNOWN_PREFIXES.sh ?? '', xsd: WELL_KNOWN_PREFIXES.xsd ?? '' } });
  writer.addQuads(report);
  return new Promise((resolve, reject) => {
    writer.end((error: Error | null, result: string) => (error ? reject(error) : resolve(result)));
  });
}
