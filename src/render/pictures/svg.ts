// Making a drawing's SVG accessible and safe to serve or embed: a <title> and <desc> first, the
// element labelled by them, no comments or doctype, ids prefixed so that several drawings can share
// one page, and no style attributes or elements (the Content-Security-Policy allows none).

export const escapeXml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export interface SvgText {
  /** A prefix for every id in the drawing (the picture's name). */
  readonly id: string;
  readonly title: string;
  /** The text alternative: what the drawing shows, in words. */
  readonly description: string;
  /** A file of its own (an XML declaration) rather than SVG embedded in HTML. */
  readonly standalone: boolean;
}

/** The drawing with its title and description, ids made unique under `id` (its size and viewBox kept: CSS only shrinks it). */
export function accessibleSvg(svg: string, text: SvgText): string {
  const start = svg.indexOf('<svg');
  if (start < 0) throw new Error('the drawing has no <svg> element');
  let body = svg.slice(start).replace(/<!--[\s\S]*?-->\n?/g, '');
  if (/\sstyle="|<style[\s>]/.test(body)) throw new Error(`the drawing ${text.id} carries style attributes`);
  // Ids (and the references to them) get the picture's prefix and are numbered in order of
  // appearance: Vega numbers its clip paths with a counter of the process (clip1, then clip3 in the
  // next drawing), so its own ids would make the same picture's bytes depend on what was drawn before.
  const renamed = new Map<string, string>();
  for (const [, id] of body.matchAll(/\sid="([^"]+)"/g))
    if (id !== undefined && !renamed.has(id)) renamed.set(id, `${text.id}-${renamed.size + 1}`);
  const rename = (id: string): string => renamed.get(id) ?? `${text.id}-${id}`;
  body = body
    .replace(/\sid="([^"]+)"/g, (_m, id: string) => ` id="${rename(id)}"`)
    .replace(/url\(#([^)]+)\)/g, (_m, id: string) => `url(#${rename(id)})`)
    .replace(/(xlink:href|href)="#([^"]+)"/g, (_m, attr: string, id: string) => `${attr}="#${rename(id)}"`);
  const open = body.indexOf('>') + 1;
  let tag = body
    .slice(0, open)
    .replace(/^<svg/, `<svg role="img" aria-labelledby="${text.id}-title ${text.id}-desc"`);
  tag = /\sclass="/.test(tag)
    ? tag.replace(/\sclass="([^"]*)"/, ` class="picture picture-${text.id} $1"`)
    : tag.replace(/^<svg/, `<svg class="picture picture-${text.id}"`);
  body =
    `${tag}\n<title id="${text.id}-title">${escapeXml(text.title)}</title>\n` +
    `<desc id="${text.id}-desc">${escapeXml(text.description)}</desc>\n` +
    body.slice(open);
  return text.standalone ? `<?xml version="1.0" encoding="UTF-8"?>\n${body}\n` : body;
}

/** Text broken into lines of at most `width` characters, at spaces. */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}
