// The README and docs/ point only at files a clone has: every relative markdown link resolves to a file
// in the repository, and no path written in code leaves it (`../shared/...` lived beside the repository).
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/dataset.js';

const DOCUMENTS = [
  'README.md',
  ...readdirSync(path.join(ROOT, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];

/** A reference in a document: its target as written and the line it is on. */
interface Reference {
  readonly target: string;
  readonly line: number;
}

/** The text with fenced code blocks blanked (their lines kept, so line numbers still hold). */
function withoutFences(text: string): string {
  let fence: string | undefined;
  return text
    .split('\n')
    .map((line) => {
      const opening = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1];
      if (fence === undefined && opening) {
        fence = opening;
        return '';
      }
      if (fence !== undefined) {
        if (line.trim().startsWith(fence)) fence = undefined;
        return '';
      }
      return line;
    })
    .join('\n');
}

function lineOf(text: string, index: number): number {
  return text.slice(0, index).split('\n').length;
}

/** Inline links and images `[text](target "title")` and reference definitions `[label]: target`, outside code. */
function markdownLinks(markdown: string): Reference[] {
  const text = withoutFences(markdown).replace(/`[^`\n]*`/g, (span) => ' '.repeat(span.length));
  const links: Reference[] = [];
  for (const m of text.matchAll(/\]\(\s*(<[^>\n]*>|[^)\s]+)(?:\s+(?:"[^"]*"|'[^']*'))?\s*\)/g))
    links.push({ target: (m[1] ?? '').replace(/^<|>$/g, ''), line: lineOf(text, m.index) });
  for (const m of text.matchAll(/^ {0,3}\[[^\]\n]+\]:\s*(<[^>\n]*>|\S+)/gm))
    links.push({ target: (m[1] ?? '').replace(/^<|>$/g, ''), line: lineOf(text, m.index) });
  return links;
}

/** Inline code spans that are relative paths climbing out of their folder: `../x/y.md`. */
function climbingCodePaths(markdown: string): Reference[] {
  const text = withoutFences(markdown);
  return [...text.matchAll(/`(\.\.\/[^`\s]+)`/g)].map((m) => ({ target: m[1] ?? '', line: lineOf(text, m.index) }));
}

/** Whether a target is relative (no scheme such as https: or mailto:, not only a #fragment). */
function isRelative(target: string): boolean {
  return !/^[a-z][a-z0-9+.-]*:/i.test(target) && !target.startsWith('#') && !target.startsWith('//');
}

/** The problem with a relative target written in `document`, or undefined when it names a file of the repository. */
function problemWith(document: string, target: string): string | undefined {
  const file = decodeURI(target.replace(/[?#].*$/, ''));
  const resolved = file.startsWith('/') ? path.join(ROOT, file) : path.resolve(ROOT, path.dirname(document), file);
  const inside = path.relative(ROOT, resolved);
  if (inside.startsWith('..') || path.isAbsolute(inside)) return 'outside the repository';
  if (!existsSync(resolved)) return 'no such file in the repository';
  return undefined;
}

describe('the link parser', () => {
  it('finds inline links, images and reference definitions, but nothing in code', () => {
    const markdown = [
      'See [the contract](docs/contract.md#formats) and ![a figure](<img/a b.png> "title").',
      '`[not](a-link.md)` and:',
      '```',
      '[also not](inside-a-fence.md)',
      '```',
      '[ref]: ../elsewhere.md',
    ].join('\n');
    expect(markdownLinks(markdown)).toEqual([
      { target: 'docs/contract.md#formats', line: 1 },
      { target: 'img/a b.png', line: 1 },
      { target: '../elsewhere.md', line: 6 },
    ]);
    expect(climbingCodePaths('From (`../shared/docs/DESIGN.md`) and `docs/sparql.md`.')).toEqual([
      { target: '../shared/docs/DESIGN.md', line: 1 },
    ]);
  });

  it('tells a file of the repository from a missing one and from one outside it', () => {
    expect(problemWith('docs/modelling.md', '../README.md#set-up')).toBeUndefined();
    expect(problemWith('README.md', 'docs/no-such-file.md')).toBe('no such file in the repository');
    expect(problemWith('README.md', '../shared/docs/DESIGN.md')).toBe('outside the repository');
  });
});

describe.each(DOCUMENTS)('%s', (document) => {
  const markdown = readFileSync(path.join(ROOT, document), 'utf8');

  it('links only to files in the repository', () => {
    const broken = markdownLinks(markdown)
      .filter(({ target }) => isRelative(target))
      .flatMap(({ target, line }) => {
        const problem = problemWith(document, target);
        return problem ? [`${document}:${line}: ${target}: ${problem}`] : [];
      });
    expect(broken).toEqual([]);
  });

  it('names no path outside the repository or missing from it, even in code', () => {
    const broken = climbingCodePaths(markdown).flatMap(({ target, line }) => {
      const problem = problemWith(document, target);
      return problem ? [`${document}:${line}: ${target}: ${problem}`] : [];
    });
    expect(broken).toEqual([]);
  });
});
