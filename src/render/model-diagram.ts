// The diagram of the model as SVG, laid out and drawn on the server by Graphviz (@viz-js/viz: Graphviz
// compiled to WebAssembly, bundled in the package: nothing is fetched, no JavaScript in the page).
// Graphviz draws with presentation attributes only (no style attributes or elements), so the SVG
// can be served as an image or embedded in a page under the strict Content-Security-Policy.
import { instance, type Attributes, type Graph, type Viz } from '@viz-js/viz';

export interface DiagramNode {
  readonly id: string;
  /** What the box shows (a local name or a prefixed name). */
  readonly label: string;
  /** The tooltip (the term's label). */
  readonly title: string;
  readonly href?: string;
  /** A class of another vocabulary: drawn grey. */
  readonly external?: boolean;
}

export interface DiagramEdge {
  readonly from: string;
  readonly to: string;
  readonly kind: 'property' | 'subclass';
  readonly label: string;
  readonly title?: string;
  readonly href?: string;
}

export interface DiagramInput {
  readonly title: string;
  /** The text alternative: what the diagram shows, in words. */
  readonly description: string;
  readonly nodes: readonly DiagramNode[];
  readonly edges: readonly DiagramEdge[];
  /** A file of its own (an XML declaration, role="img") rather than SVG embedded in HTML. */
  readonly standalone: boolean;
}

let viz: Promise<Viz> | undefined;

const FONT = 'Helvetica,Arial,sans-serif';

/** The model as an SVG document (standalone) or an `<svg>` element to embed in HTML. */
export async function modelDiagram(input: DiagramInput): Promise<string> {
  viz ??= instance();
  // Graphviz titles each node with its name: the label a reader sees (made unique if need be).
  const ids = new Map<string, string>();
  for (const n of input.nodes) {
    let name = n.label;
    for (let i = 2; [...ids.values()].includes(name); i++) name = `${n.label} (${i})`;
    ids.set(n.id, name);
  }
  const graph: Graph = {
    directed: true,
    graphAttributes: {
      rankdir: 'LR',
      fontname: FONT,
      bgcolor: 'transparent',
      nodesep: 0.25,
      ranksep: 0.6,
      tooltip: input.title,
    },
    nodeAttributes: {
      shape: 'box',
      style: 'rounded,filled',
      fillcolor: '#eef4fb',
      color: '#1d4f91',
      fontname: FONT,
      fontsize: 12,
      fontcolor: '#111111',
      // Room for browsers whose sans-serif is wider than Graphviz's Helvetica metrics.
      margin: '0.22,0.06',
    },
    edgeAttributes: { fontname: FONT, fontsize: 10, color: '#444444', fontcolor: '#333333', arrowsize: 0.7 },
    nodes: input.nodes.map((n) => ({
      name: ids.get(n.id) ?? n.id,
      attributes: {
        label: n.label,
        tooltip: n.title,
        ...(n.href ? { URL: n.href, target: '_top' } : {}),
        ...(n.external ? { fillcolor: '#f1f1f1', color: '#6b6b6b', fontcolor: '#333333' } : {}),
      },
    })),
    edges: input.edges.map((e) => ({
      tail: ids.get(e.from) ?? e.from,
      head: ids.get(e.to) ?? e.to,
      attributes: edgeAttributes(e),
    })),
  };
  const svg = (await viz).renderString(graph, { format: 'svg', engine: 'dot' });
  return accessible(svg, input);
}

function edgeAttributes(e: DiagramEdge): Attributes {
  if (e.kind === 'subclass') return { style: 'dashed', arrowhead: 'empty', tooltip: 'subclass of', color: '#777777' };
  return { label: e.label, tooltip: e.title ?? e.label, ...(e.href ? { URL: e.href, target: '_top' } : {}) };
}

const escape = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Graphviz's SVG with a title and description first, labelled by them; no comments or doctype. */
function accessible(svg: string, input: DiagramInput): string {
  const start = svg.indexOf('<svg');
  if (start < 0) throw new Error('Graphviz returned no SVG');
  let body = svg.slice(start).replace(/<!--[\s\S]*?-->\n?/g, '');
  const open = body.indexOf('>') + 1;
  // Graphviz sizes the drawing in points; the viewBox keeps it scalable wherever it is shown.
  const tag = body
    .slice(0, open)
    .replace(/^<svg/, `<svg${input.standalone ? ' role="img"' : ''} aria-labelledby="model-title model-desc"`);
  body =
    `${tag}\n<title id="model-title">${escape(input.title)}</title>\n<desc id="model-desc">${escape(input.description)}</desc>` +
    body.slice(open);
  return input.standalone ? `<?xml version="1.0" encoding="UTF-8"?>\n${body}` : body;
}
