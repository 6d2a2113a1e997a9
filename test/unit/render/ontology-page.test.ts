// The ontology page and the diagram of the model over the real data, without workers: every term
// with its definition, domain, range, super- and sub-terms, how much the data uses it and an
// example; the counts from two aggregate queries through the store's `select`.
import { beforeAll, describe, expect, it } from 'vitest';
import { formatById } from '../../../src/rdf/formats.js';
import { ontologyDiagram, ontologyDocument, ontologyTerms } from '../../../src/render/pages/ontology.js';
import { vocabularyTerms } from '../../../src/render/pages/editor.js';
import { type PageContext } from '../../../src/render/pages/page-context.js';
import { TEST_BASE } from '../../support/dataset.js';
import { realPageContext } from '../../support/page-context.js';

let ctx: PageContext;
let selects: string[];
let html: string;

beforeAll(async () => {
  selects = [];
  ({ ctx } = await realPageContext({ selects }));
  html = (await ontologyDocument(ctx, formatById('html'))).body.toString('utf8');
});

const mig = `${TEST_BASE}ontology#`;
/** The HTML of one term's entry. */
const entry = (local: string): string => {
  const start = html.indexOf(`<article class="term" id="${local}"`);
  expect(start, `an entry for ${local}`).toBeGreaterThan(-1);
  return html.slice(start, html.indexOf('</article>', start));
};

describe('the ontology page', () => {
  it('counts usage with two aggregate queries, not one per term', () => {
    expect(selects).toHaveLength(2);
    for (const query of selects) expect(query).toMatch(/GROUP BY/);
  });

  it('shows a property with its domain, range, triples and an example, linked within the page', () => {
    const hasSecretariat = entry('hasSecretariat');
    expect(hasSecretariat).toContain('<dt>Domain</dt><dd><a href="#Process">');
    expect(hasSecretariat).toContain('<dt>Range</dt><dd><a href="#Secretariat">');
    expect(hasSecretariat).toMatch(/<dt>Triples using it<\/dt><dd>[1-9]\d*<\/dd>/);
    expect(hasSecretariat).toMatch(new RegExp(`<dt>Example</dt><dd><a href="${TEST_BASE}doc/`));
  });

  it('shows a class with its superclasses, its subclasses (both ways, linked) and its instances', () => {
    const { classes } = ontologyTerms(ctx);
    const child = classes.find((c) => c.parents.some((p) => p.value.startsWith(mig)));
    expect(child, 'a class of ours with a superclass of ours').toBeDefined();
    const parent = child!.parents.find((p) => p.value.startsWith(mig))!.value.slice(mig.length);
    expect(entry(child!.local)).toContain(`<dt>Subclass of</dt><dd>`);
    expect(entry(child!.local)).toContain(`href="#${parent}"`);
    expect(entry(parent)).toMatch(new RegExp(`<dt>Subclasses</dt><dd>[^]*href="#${child!.local}"`));
    expect(entry('Engagement')).toMatch(/<dt>Instances<\/dt><dd>[1-9]\d*<\/dd>/);
    expect(entry('Engagement')).toMatch(/rdfs:comment|An n-ary relation/);
  });

  it('quotes skos:definition where the ontology has one', () => {
    const defined = [...ontologyTerms(ctx).classes, ...ontologyTerms(ctx).properties].filter(
      (t) => t.definitions.length > 0,
    );
    for (const term of defined) expect(entry(term.local)).toContain('class="definition"');
  });

  it('embeds the diagram with its title and description, and links the SVG file', () => {
    expect(html).toMatch(/<svg aria-labelledby="model-title model-desc"/);
    expect(html).toContain('<title id="model-title">');
    expect(html).toContain(`href="${TEST_BASE}ontology.svg"`);
    expect(html).not.toContain('<?xml');
  });
});

describe('the diagram of the model', () => {
  it('is an SVG image: title, description, the classes and the object properties from domain to range', async () => {
    const rep = await ontologyDiagram(ctx);
    expect(rep.contentType).toBe('image/svg+xml; charset=utf-8');
    const svg = rep.body.toString('utf8');
    expect(svg.startsWith('<?xml')).toBe(true);
    expect(svg).toMatch(/<svg role="img" aria-labelledby="model-title model-desc"[^>]*viewBox=/);
    expect(svg).toMatch(/<desc id="model-desc">\d+ classes/);
    // Nodes link to their entries, the object property mig:hasSecretariat is a labelled arrow.
    expect(svg).toContain(`xlink:href="${TEST_BASE}ontology#Process"`);
    expect(svg).toContain('>hasSecretariat</text>');
    // No scripts, no style attributes or elements (the page's CSP forbids inline styles).
    expect(svg).not.toMatch(/<script|style=|<style/);
  });
});

describe("the editor's completions", () => {
  it("offer the ontology's classes and properties and those the shapes use, never a datatype", () => {
    const terms = vocabularyTerms(ctx.ontology, ctx.shapes);
    expect(terms.classes).toContain(`${mig}Engagement`);
    expect(terms.classes).toContain('http://www.w3.org/ns/org#Organization');
    expect(terms.properties).toContain(`${mig}hasSecretariat`);
    expect(terms.properties).toContain('http://www.w3.org/2000/01/rdf-schema#label');
    expect([...terms.classes, ...terms.properties].some((t) => t.startsWith('http://www.w3.org/2001/XMLSchema#'))).toBe(
      false,
    );
  });
});
