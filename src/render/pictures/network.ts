// The network of IOM's roles, laid out (left to right) and drawn on the server by Graphviz (@viz-js/viz: Graphviz
// compiled to WebAssembly, bundled in the package): IOM, the bodies and processes it holds a role
// in (one edge per engagement, coloured by role), the organisations it holds the role together with
// and those it consults. Graphviz draws with presentation attributes only.
import { instance, type Attributes, type Edge, type Graph, type Node, type Viz } from '@viz-js/viz';
import type { Named, NetworkRow } from './picture-data.js';

let viz: Promise<Viz> | undefined;

const FONT = 'Helvetica,Arial,sans-serif';

/** One colour per role, in the order roles first appear (Tableau 10, which Vega's charts use too). */
export const ROLE_COLOURS = [
  '#4e79a7',
  '#f28e2b',
  '#e15759',
  '#76b7b2',
  '#59a14f',
  '#edc948',
  '#b07aa1',
  '#ff9da7',
  '#9c755f',
  '#bab0ac',
];

/** The roles of the rows, each with its colour, most frequent first. */
export function roleLegend(rows: readonly NetworkRow[]): { role: Named; colour: string; count: number }[] {
  const counts = new Map<string, { role: Named; count: number }>();
  for (const r of rows) {
    const entry = counts.get(r.role.iri) ?? { role: r.role, count: 0 };
    entry.count++;
    counts.set(r.role.iri, entry);
  }
  return [...counts.values()]
    .sort((a, b) => b.count - a.count || a.role.label.localeCompare(b.role.label, 'en'))
    .map((e, i) => ({ ...e, colour: ROLE_COLOURS[i % ROLE_COLOURS.length] ?? '#444444' }));
}

/** The network as Graphviz SVG: member, roles, bodies, partners, from left to right. */
export async function networkSvg(rows: readonly NetworkRow[]): Promise<string> {
  viz ??= instance();
  const colours = new Map(roleLegend(rows).map((l) => [l.role.iri, l.colour]));
  const nodes = new Map<string, Node>();
  const edges: Edge[] = [];
  const node = (n: Named, kind: 'member' | 'body' | 'process' | 'partner'): string => {
    if (!nodes.has(n.iri)) {
      const style: Attributes =
        kind === 'member'
          ? { shape: 'ellipse', fillcolor: '#0b5cad', fontcolor: '#ffffff', color: '#0b5cad', fontsize: 16 }
          : kind === 'partner'
            ? { shape: 'box', fillcolor: '#f4f1ea', color: '#8a7a5c', fontsize: 12 }
            : { shape: 'box', fillcolor: '#eef4fb', color: '#1d4f91', fontsize: 12 };
      nodes.set(n.iri, {
        name: n.iri,
        attributes: {
          label: kind !== 'member' && n.label.length > 38 ? `${n.label.slice(0, 36)}\u2026` : n.label,
          tooltip: n.label,
          ...style,
          ...(n.href ? { URL: n.href, target: '_top' } : {}),
        },
      });
    }
    return n.iri;
  };
  const edgeKeys = new Set<string>();
  const edge = (from: string, to: string, attributes: Record<string, string | number>): void => {
    const key = `${from} ${to} ${String(attributes.color)}`;
    if (edgeKeys.has(key)) return;
    edgeKeys.add(key);
    edges.push({ tail: from, head: to, attributes });
  };
  // IOM on the left, its roles, the bodies it holds each role in, and on the right the partners and
  // the organisations consulted; a body's own process is joined to it without moving it (constraint=false).
  for (const r of rows) {
    const member = node(r.member, 'member');
    const colour = colours.get(r.role.iri) ?? '#444444';
    const roleId = `role ${r.role.iri}`;
    if (!nodes.has(roleId))
      nodes.set(roleId, {
        name: roleId,
        attributes: {
          label: r.role.label,
          tooltip: `${r.member.label} as ${r.role.label}`,
          shape: 'box',
          style: 'rounded,filled',
          fillcolor: colour,
          color: colour,
          fontcolor: '#ffffff',
          fontsize: 13,
          margin: '0.2,0.05',
          ...(r.role.href ? { URL: r.role.href, target: '_top' } : {}),
        },
      });
    edge(member, roleId, { color: colour, penwidth: 2.5, arrowhead: 'none' });
    const body = node(r.body, 'body');
    edge(roleId, body, { color: colour, penwidth: 1.6, tooltip: `${r.member.label}: ${r.role.label} of ${r.body.label}` });
    if (r.process.iri !== r.body.iri) {
      const process = node(r.process, 'process');
      edge(body, process, {
        color: '#8894a8',
        style: 'dashed',
        arrowhead: 'none',
        constraint: 'false',
        tooltip: `${r.body.label}, of ${r.process.label}`,
      });
    }
    for (const p of r.together)
      edge(body, node(p, 'partner'), {
        color: colour,
        style: 'dashed',
        penwidth: 1.2,
        arrowhead: 'none',
        tooltip: `${p.label}: ${r.role.label} of ${r.body.label}, together with ${r.member.label}`,
      });
    for (const c of r.consulted)
      edge(body, node(c, 'partner'), {
        color: '#8a7a5c',
        style: 'dotted',
        penwidth: 1.4,
        arrowhead: 'none',
        tooltip: `${r.member.label} as ${r.role.label} of ${r.body.label}, in consultation with ${c.label}`,
      });
  }
  const graph: Graph = {
    directed: true,
    graphAttributes: {
      rankdir: 'LR',
      ranksep: 0.9,
      nodesep: 0.12,
      bgcolor: 'transparent',
      fontname: FONT,
      tooltip: 'IOM, the processes and the partner organisations',
    },
    // Room for browsers whose sans-serif is wider than Graphviz's Helvetica metrics.
    nodeAttributes: { style: 'rounded,filled', fontname: FONT, margin: '0.16,0.03', fontcolor: '#111111' },
    edgeAttributes: { arrowsize: 0.6 },
    nodes: [...nodes.values()],
    edges,
  };
  return (await viz).renderString(graph, { format: 'svg', engine: 'dot' });
}
