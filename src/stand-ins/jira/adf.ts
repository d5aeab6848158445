/**
 * The Atlassian Document Format checks Jira makes of a description
 * (https://developer.atlassian.com/cloud/jira/platform/apis/document/structure/): a `doc` node of
 * version 1 whose content is block nodes, each node a known type, text nodes with string text and
 * known marks. Returns what is wrong, or null.
 */
const BLOCKS = new Set([
  'paragraph',
  'heading',
  'bulletList',
  'orderedList',
  'listItem',
  'blockquote',
  'codeBlock',
  'rule',
  'panel',
  'table',
  'tableRow',
  'tableHeader',
  'tableCell',
  'mediaSingle',
]);
const INLINES = new Set(['text', 'hardBreak', 'mention', 'emoji', 'inlineCard', 'date', 'status']);
const MARKS = new Set(['strong', 'em', 'code', 'link', 'strike', 'underline', 'subsup', 'textColor']);

export function adfProblem(doc: unknown): string | null {
  if (!doc || typeof doc !== 'object') return 'the description is not an object';
  const d = doc as Record<string, unknown>;
  if (d.type !== 'doc' || d.version !== 1) return 'the root must be {"type": "doc", "version": 1}';
  if (!Array.isArray(d.content)) return 'the doc must have a content array';
  return nodesProblem(d.content, 'doc');
}

function nodesProblem(nodes: unknown[], parent: string): string | null {
  for (const node of nodes) {
    if (!node || typeof node !== 'object') return `a node in ${parent} is not an object`;
    const n = node as Record<string, unknown>;
    const type = String(n.type);
    if (!BLOCKS.has(type) && !INLINES.has(type)) return `unknown node type "${type}"`;
    if (type === 'text') {
      if (typeof n.text !== 'string' || n.text === '') return 'a text node must have non-empty text';
      if (n.marks !== undefined) {
        if (!Array.isArray(n.marks)) return 'marks must be an array';
        for (const m of n.marks as Record<string, unknown>[]) {
          if (!MARKS.has(String(m?.type))) return `unknown mark "${String(m?.type)}"`;
          if (m.type === 'link' && typeof (m.attrs as { href?: unknown } | undefined)?.href !== 'string') return 'a link mark needs attrs.href';
        }
      }
      continue;
    }
    if (parent === 'doc' && INLINES.has(type)) return `inline node "${type}" directly in the doc (wrap it in a paragraph)`;
    if (n.content !== undefined) {
      if (!Array.isArray(n.content)) return `${type}.content must be an array`;
      const inner = nodesProblem(n.content, type);
      if (inner) return inner;
    }
  }
  return null;
}
