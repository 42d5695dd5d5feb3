/** XML text helpers. We never let a parser expand entities (no DTD, no XXE, no billion laughs). */

// XML 1.0 §2.2 Char: tab, LF, CR, U+0020–U+D7FF, U+E000–U+FFFD, astral. Anything else cannot be
// written at all (not even as a character reference), so it is dropped.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const INVALID_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export function escapeText(s: string): string {
  return s.replace(INVALID_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');
}

/** Attribute values: also quotes, and whitespace as references (attribute normalisation would eat it). */
export function escapeAttr(s: string): string {
  return escapeText(s).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\t/g, '&#9;');
}

const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Decodes the five predefined entities and numeric references; leaves anything else as written. */
export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (m, body: string) => {
    if (body[0] === '#') {
      const cp = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : m;
    }
    return NAMED[body] ?? m;
  });
}

/** True for a document that declares a DTD or entities: refused before parsing. */
export function hasDtd(xml: string): boolean {
  return /<!DOCTYPE|<!ENTITY/i.test(xml);
}

export interface XmlLimits {
  /** Deepest element nesting. REFI-QDA code trees are rarely 10 deep; 256 leaves room and keeps recursion safe. */
  maxDepth: number;
  /** Most elements in one document (a .qdpx of 500,000 codings has about 2,000,000). */
  maxElements: number;
  /** Most attributes on one element. */
  maxAttributes: number;
}

export const DEFAULT_XML_LIMITS: XmlLimits = { maxDepth: 256, maxElements: 4_000_000, maxAttributes: 256 };

/** Names that would write onto an object's prototype chain once a parser turns them into keys. */
const FORBIDDEN_NAMES = new Set(['__proto__', 'constructor', 'prototype']);

export interface XmlScanIssue {
  line: number;
  code: 'xml.depth' | 'xml.elements' | 'xml.attributes' | 'xml.name' | 'xml.unclosed';
  params: Record<string, string | number>;
  message: string;
}

const ws = (c: string | undefined) => c === ' ' || c === '\n' || c === '\t' || c === '\r';

function localName(qname: string): string {
  const c = qname.lastIndexOf(':');
  return c >= 0 ? qname.slice(c + 1) : qname;
}

/**
 * One linear pass over an XML text before any parser sees it: nesting depth, element count,
 * attributes per element and forbidden names (`__proto__`, `constructor`, `prototype`, with or
 * without a namespace prefix), each checked against `limits`. Returns the first problem with its
 * 1-based line, or null. Not a validator (the parser validates afterwards); comments, CDATA,
 * processing instructions and quoted attribute values are skipped so their content cannot count.
 */
export function scanXml(xml: string, limits: XmlLimits = DEFAULT_XML_LIMITS): XmlScanIssue | null {
  let depth = 0;
  let elements = 0;
  let line = 1;
  let i = 0;
  const n = xml.length;
  const lineAt = (to: number) => {
    for (let k = i; k < to; k++) if (xml.charCodeAt(k) === 10) line++;
    i = to;
  };
  while (i < n) {
    const lt = xml.indexOf('<', i);
    if (lt < 0) break;
    lineAt(lt);
    const next = xml[lt + 1];
    if (xml.startsWith('<!--', lt)) {
      const end = xml.indexOf('-->', lt + 4);
      lineAt(end < 0 ? n : end + 3);
      continue;
    }
    if (xml.startsWith('<![CDATA[', lt)) {
      const end = xml.indexOf(']]>', lt + 9);
      lineAt(end < 0 ? n : end + 3);
      continue;
    }
    if (next === '?' || next === '!') {
      const end = xml.indexOf('>', lt + 2);
      lineAt(end < 0 ? n : end + 1);
      continue;
    }
    if (next === '/') {
      const end = xml.indexOf('>', lt + 2);
      depth = Math.max(0, depth - 1);
      lineAt(end < 0 ? n : end + 1);
      continue;
    }
    // A start tag: name, attributes (quoted values skipped), `>` or `/>`.
    let k = lt + 1;
    while (k < n && !ws(xml[k]) && xml[k] !== '/' && xml[k] !== '>') k++;
    const name = xml.slice(lt + 1, Math.min(k, lt + 81));
    const startLine = line;
    if (FORBIDDEN_NAMES.has(localName(name))) return { line: startLine, code: 'xml.name', params: { name }, message: `Elementnavnet «${name}» er ikke tillatt` };
    let attrs = 0;
    let selfClosing: boolean;
    let attrName = '';
    for (;;) {
      if (k >= n) return { line: startLine, code: 'xml.unclosed', params: { name }, message: `Elementet <${name}> er ikke avsluttet` };
      const c = xml[k] as string;
      if (c === '"' || c === "'") {
        const end = xml.indexOf(c, k + 1);
        if (end < 0) return { line: startLine, code: 'xml.unclosed', params: { name }, message: `Elementet <${name}> er ikke avsluttet` };
        for (let q = k; q < end; q++) if (xml.charCodeAt(q) === 10) line++;
        k = end + 1;
        continue;
      }
      if (c === '\n') line++;
      if (c === '>') {
        selfClosing = xml[k - 1] === '/';
        break;
      }
      if (c === '=') {
        attrs++;
        if (attrs > limits.maxAttributes) return { line: startLine, code: 'xml.attributes', params: { name, limit: limits.maxAttributes }, message: `<${name}> har mer enn ${limits.maxAttributes} attributter` };
        if (FORBIDDEN_NAMES.has(localName(attrName.trim()))) return { line: startLine, code: 'xml.name', params: { name: attrName.trim() }, message: `Attributtnavnet «${attrName.trim()}» er ikke tillatt` };
        attrName = '';
      } else if (ws(c)) {
        if (attrName.trim() !== '') attrName += c;
      } else {
        if (ws(attrName[attrName.length - 1])) attrName = '';
        attrName += c;
      }
      k++;
    }
    i = k + 1;
    elements++;
    if (elements > limits.maxElements) return { line: startLine, code: 'xml.elements', params: { limit: limits.maxElements }, message: `Dokumentet har mer enn ${limits.maxElements} elementer` };
    if (!selfClosing) {
      depth++;
      if (depth > limits.maxDepth) return { line: startLine, code: 'xml.depth', params: { limit: limits.maxDepth }, message: `Elementene er nøstet dypere enn ${limits.maxDepth} nivåer` };
    }
  }
  return null;
}
