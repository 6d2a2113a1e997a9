// The rows a page builds from what connects a thing: engagements as table rows or sentences, posts
// with their units or holders, and the thing's place in a series.
import type { Engagement, Post, Relations, Series } from './relations.js';
import { compareByData } from './relations.js';
import type { LabelOf, ValueView } from './value-view.js';
import { hrefFor } from './value-view.js';

/** An engagement (org:Membership) as a row of a table or a sentence: who, in what role, where, with whom. */
export interface RoleView {
  readonly href?: string;
  readonly members: ValueView[];
  readonly roles: ValueView[];
  readonly processes: ValueView[];
  readonly bodies: ValueView[];
  readonly partners: ValueView[];
  readonly consulted: ValueView[];
  readonly through: ValueView[];
  /** Processes and bodies other than the thing the page is about (for the sentence). */
  readonly sentenceProcesses: ValueView[];
  readonly sentenceBodies: ValueView[];
  readonly since?: string;
}

export interface PostView {
  readonly post: ValueView;
  readonly units: ValueView[];
  readonly holders: ValueView[];
}

/** The thing's place in a series (editions by year, sessions of an edition), with its neighbours. */
export interface SeriesView {
  readonly parent: ValueView;
  readonly position: number;
  readonly count: number;
  readonly previous?: ValueView;
  readonly next?: ValueView;
}

export function postView(post: Post, value: (iri: string) => ValueView): PostView {
  return { post: value(post.post), units: post.units.map(value), holders: post.holders.map(value) };
}

export function roleRow(
  e: Engagement,
  here: string,
  value: (iri: string) => ValueView,
  compare: (a: ValueView, b: ValueView) => number,
  siteUrl: string,
  baseIri: string,
  whole = false,
): RoleView {
  const not = (list: string[], ...except: string[]): string[] =>
    whole ? list : list.filter((i) => !except.includes(i));
  const values = (list: string[]): ValueView[] => list.map(value).sort(compare);
  const processes = e.processes.length ? e.processes : e.bodies;
  return {
    href: hrefFor(e.iri, baseIri, siteUrl),
    members: values(e.members),
    roles: values(e.roles),
    processes: values(processes),
    bodies: values(e.bodies.filter((b) => !processes.includes(b))),
    partners: values(not(e.partners, here)),
    consulted: values(not(e.consulted, here)),
    through: values(not(e.through, here)),
    // The sentence on a thing leaves out what the page is about.
    sentenceProcesses: values(not(processes, here)),
    sentenceBodies: values(
      not(
        e.bodies.filter((b) => !processes.includes(b)),
        here,
      ),
    ),
    ...(e.since ? { since: e.since.replace(/^(\d{4}).*$/, '$1') } : {}),
  };
}

export function compareRoleRows(a: RoleView, b: RoleView): number {
  const text = (v: ValueView[]): string => v.map((x) => x.text).join(', ');
  return (
    text(a.processes).localeCompare(text(b.processes), 'en') ||
    text(a.bodies).localeCompare(text(b.bodies), 'en') ||
    text(a.roles).localeCompare(text(b.roles), 'en')
  );
}

export function seriesView(
  series: Series,
  here: string,
  value: (iri: string) => ValueView,
  relations: Relations,
  labelOf: LabelOf,
): SeriesView {
  const label = (i: string): string => labelOf(i) ?? i;
  const members = [...series.members].sort(
    (a, b) => compareByData(relations.order, a, b) ?? label(a).localeCompare(label(b), 'en', { numeric: true }),
  );
  const at = members.indexOf(here);
  return {
    parent: value(series.parent),
    position: at + 1,
    count: members.length,
    ...(at > 0 ? { previous: value(members[at - 1]!) } : {}),
    ...(at >= 0 && at < members.length - 1 ? { next: value(members[at + 1]!) } : {}),
  };
}
