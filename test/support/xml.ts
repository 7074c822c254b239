/**
 * A minimal XML well-formedness check (no DTD, which an SVG from the server must not have): one root
 * element, tags nested and closed in order, attributes quoted and not repeated, entity references
 * known or numeric, no markup characters loose in text. Throws naming the first fault; answers the
 * text content (entities decoded) so a test can look for words in it.
 */
export function checkWellFormedXml(xml: string): { root: string; text: string } {
  const NAME = '[A-Za-z_:][-A-Za-z0-9_:.]*';
  const entity = new RegExp(`&(?:(amp|lt|gt|quot|apos)|#(\\d+)|#x([0-9a-fA-F]+));`, 'y');
  const names: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
  const stack: string[] = [];
  let root = '';
  let text = '';
  let i = 0;
  const fail = (why: string): never => {
    throw new Error(`not well-formed XML at ${i}: ${why} (…${xml.slice(Math.max(0, i - 40), i + 40)}…)`);
  };
  const decode = (s: string, at: number): string =>
    s.replace(/&[^;]*;?/g, (ref) => {
      entity.lastIndex = 0;
      const m = entity.exec(ref);
      if (!m || m[0].length !== ref.length) {
        i = at;
        fail(`bad entity reference ${ref}`);
      }
      return m![1] ? names[m![1]] : String.fromCodePoint(parseInt(m![2] ?? m![3], m![2] ? 10 : 16));
    });
  if (xml.startsWith('<?xml')) i = xml.indexOf('?>') + 2;
  while (i < xml.length) {
    const lt = xml.indexOf('<', i);
    const chunk = xml.slice(i, lt < 0 ? xml.length : lt);
    if (chunk.includes('>')) fail('a loose ">" in text');
    if (chunk.trim() && stack.length === 0) fail('text outside the root element');
    text += decode(chunk, i);
    if (lt < 0) break;
    i = lt;
    if (xml.startsWith('<!--', i)) {
      const end = xml.indexOf('-->', i);
      if (end < 0) fail('unclosed comment');
      i = end + 3;
      continue;
    }
    if (xml.startsWith('<![CDATA[', i)) {
      const end = xml.indexOf(']]>', i);
      if (end < 0 || stack.length === 0) fail('bad CDATA section');
      text += xml.slice(i + 9, end);
      i = end + 3;
      continue;
    }
    if (xml.startsWith('<!', i) || xml.startsWith('<?', i)) fail('a declaration or processing instruction inside the document');
    const close = new RegExp(`</(${NAME})\\s*>`, 'y');
    close.lastIndex = i;
    const c = close.exec(xml);
    if (c) {
      if (stack.pop() !== c[1]) fail(`</${c[1]}> closes nothing open`);
      i = close.lastIndex;
      continue;
    }
    const open = new RegExp(`<(${NAME})((?:\\s+${NAME}\\s*=\\s*(?:"[^"<]*"|'[^'<]*'))*)\\s*(/?)>`, 'y');
    open.lastIndex = i;
    const o = open.exec(xml);
    if (!o) fail('a malformed tag');
    if (stack.length === 0 && root) fail('a second root element');
    root ||= o![1];
    const seen = new Set<string>();
    for (const a of o![2].matchAll(new RegExp(`(${NAME})\\s*=\\s*(?:"([^"]*)"|'([^']*)')`, 'g'))) {
      if (seen.has(a[1])) fail(`attribute ${a[1]} repeated`);
      seen.add(a[1]);
      decode(a[2] ?? a[3], i);
    }
    if (!o![3]) stack.push(o![1]);
    i = open.lastIndex;
  }
  if (!root) fail('no root element');
  if (stack.length) fail(`<${stack.at(-1)}> is never closed`);
  return { root, text };
}
