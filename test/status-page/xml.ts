/** An XML element as the tests read it. */
export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  /** Its own text, entities decoded. */
  text: string;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(raw: string): string {
  return raw.replace(/&([^;]*);/g, (_m, name: string) => {
    if (name.startsWith('#x')) return String.fromCodePoint(parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(parseInt(name.slice(1), 10));
    const value = ENTITIES[name];
    if (value === undefined) throw new Error(`undefined entity &${name};`);
    return value;
  });
}

/**
 * A strict reader for the small XML documents Response writes (no DTD, CDATA or comments): it
 * throws on anything not well-formed — unbalanced or crossed tags, a bare `&` or `<` in text, an
 * unquoted or repeated attribute, text outside the root — and returns the element tree.
 */
export function parseXml(xml: string): XmlElement {
  const body = xml.replace(/^<\?xml[^?]*\?>\s*/, '');
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  const token = /<\/?([A-Za-z_][\w.:-]*)((?:\s+[A-Za-z_][\w.:-]*\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)>|([^<]+)|(<)/gy;
  let m: RegExpExecArray | null;
  while (token.lastIndex < body.length && (m = token.exec(body))) {
    const [whole, name, attrs, selfClosing, text, stray] = m;
    if (stray) throw new Error(`stray "<" at ${m.index}`);
    if (text !== undefined) {
      if (/&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/.test(text)) throw new Error(`bare "&" in text at ${m.index}`);
      const top = stack[stack.length - 1];
      if (!top) {
        if (text.trim()) throw new Error('text outside the root element');
        continue;
      }
      top.text += decode(text);
      continue;
    }
    if (whole.startsWith('</')) {
      const open = stack.pop();
      if (!open || open.name !== name) throw new Error(`</${name}> closes <${open?.name ?? 'nothing'}>`);
      continue;
    }
    const attributes: Record<string, string> = {};
    for (const a of (attrs ?? '').matchAll(/([A-Za-z_][\w.:-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
      if (a[1] as string in attributes) throw new Error(`attribute ${a[1]} repeated`);
      attributes[a[1] as string] = decode(a[2] ?? a[3] ?? '');
    }
    const element: XmlElement = { name: name as string, attributes, children: [], text: '' };
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(element);
    else if (root) throw new Error('a second root element');
    else root = element;
    if (!selfClosing) stack.push(element);
  }
  if (token.lastIndex < body.length) throw new Error(`unreadable at ${token.lastIndex}`);
  if (stack.length) throw new Error(`<${stack[stack.length - 1]?.name}> is never closed`);
  if (!root) throw new Error('no root element');
  return root;
}

export const childrenNamed = (e: XmlElement, name: string) => e.children.filter((c) => c.name === name);
export const childText = (e: XmlElement, name: string) => childrenNamed(e, name)[0]?.text;
