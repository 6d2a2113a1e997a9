// Small facts about terms that every layer needs: which IRIs a query can hold, what an xsd:boolean says.

/** An IRI that can be written between < and > in a query: a scheme and none of the characters IRIREF forbids. */
export function writableIri(value: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(value) && ![...value].some((c) => c <= ' ' || '<>"{}|\\^`'.includes(c));
}

/** Whether an xsd:boolean's lexical form says true: `true` or `1` (Virtuoso's results write `1`). */
export function isTrue(lexical: string): boolean {
  return lexical === 'true' || lexical === '1';
}
