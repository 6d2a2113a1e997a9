// Handlebars rendering: templates from views/, compiled once, wrapped in the layout.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import type { FormatEntry } from '../rdf/formats.js';

/** What the layout needs besides the page body. */
export interface PageFrame {
  readonly title: string;
  readonly description?: string;
  readonly canonical: string;
  readonly alternates: ReadonlyArray<{ mediaType: string; href: string; label: string }>;
  /** Script-safe JSON (see scriptSafeJson) of the page's schema.org description. */
  readonly jsonLd: string;
}

export type TemplateName =
  'resource' | 'collection' | 'home' | 'ontology' | 'dataset' | 'error' | 'sparql' | 'sparql-examples' | 'search';

export interface HtmlRenderer {
  render(template: TemplateName, frame: PageFrame, model: Record<string, unknown>): string;
}

/**
 * What every template may use besides its page's model: `siteUrl` (SITE_URL) begins every link,
 * stylesheet and script, since the browser is talking to this server; `baseIri` (BASE_IRI) begins
 * the identifiers a page shows. `base` is `siteUrl` under its former name (views/sparql.hbs and
 * views/sparql-examples.hbs still use it for their links).
 */
export interface SiteValues {
  readonly baseIri: string;
  readonly siteUrl: string;
  readonly licenseIri: string;
}

/** Compiles every template of the views folder; `site` holds values every page may use. */
export function createHtmlRenderer(viewsDir: string, values: SiteValues): HtmlRenderer {
  const site = { ...values };
  const hbs = Handlebars.create();
  hbs.registerHelper('multiple', (values: unknown) => Array.isArray(values) && values.length > 1);
  hbs.registerHelper('equals', (a: unknown, b: unknown) => a === b);
  const partialsDir = path.join(viewsDir, 'partials');
  for (const file of readdirSync(partialsDir).filter((f) => f.endsWith('.hbs'))) {
    hbs.registerPartial(path.basename(file, '.hbs'), readFileSync(path.join(partialsDir, file), 'utf8'));
  }
  const compile = (name: string): HandlebarsTemplateDelegate =>
    hbs.compile(readFileSync(path.join(viewsDir, `${name}.hbs`), 'utf8'), { strict: false });
  const layout = compile('layout');
  const templates = new Map<TemplateName, HandlebarsTemplateDelegate>(
    (['resource', 'collection', 'home', 'ontology', 'dataset', 'error', 'sparql', 'sparql-examples', 'search'] as const).map(
      (name) => [name, compile(name)],
    ),
  );
  return {
    render(template, frame, model) {
      const context = { ...site, ...frame, ...model };
      const body = (templates.get(template) as HandlebarsTemplateDelegate)(context);
      return layout({ ...context, body });
    },
  };
}

/** The alternates of a page: every format, linked at `stem.ext`. */
export function alternatesFor(stem: string, formats: readonly FormatEntry[]): PageFrame['alternates'] {
  return formats.map((format) => ({
    mediaType: format.mediaType,
    href: `${stem}.${format.extension}`,
    label: format.label,
  }));
}
