/**
 * XML for the package's parts, through saxes: a part read into a light tree whose every element knows
 * where it starts and ends in the text (so an edit replaces or inserts exactly there, and every byte
 * around it — unknown elements, attributes, namespaces, extension lists, whitespace — stays as it was),
 * text and attribute escaping, and a list of splices applied in one pass.
 */
import { SaxesParser } from "saxes";

export interface XmlElement {
  /** Local name (no prefix). */
  name: string;
  /** Qualified name as written ("x:row"). */
  qname: string;
  /** Attributes by qualified name, values unescaped. */
  attrs: Record<string, string>;
  /** Offset of "<" of the start tag. */
  start: number;
  /** Offset just after the start tag's ">". */
  openEnd: number;
  /** Offset of the end tag's "<" (= openEnd for a self-closing element). */
  closeStart: number;
  /** Offset just after the element. */
  end: number;
  selfClosing: boolean;
  children: XmlElement[];
  /** The element's own text (character data directly inside it, entities decoded). */
  text: string;
  parent?: XmlElement;
}

function localName(qname: string): string {
  const at = qname.indexOf(":");
  return at < 0 ? qname : qname.slice(at + 1);
}

/** Thrown when a part is not well-formed XML. */
export class XmlError extends Error {}

/** The part as a tree of elements with their offsets. `keepText`: the local names whose text is kept
 *  (all when absent). */
export function parseXml(xml: string, keepText?: Set<string>): XmlElement {
  const parser = new SaxesParser({ position: true });
  const root: XmlElement = {
    name: "#document",
    qname: "#document",
    attrs: {},
    start: 0,
    openEnd: 0,
    closeStart: xml.length,
    end: xml.length,
    selfClosing: false,
    children: [],
    text: "",
  };
  const stack: XmlElement[] = [root];
  let start = 0;
  parser.on("opentagstart", () => {
    start = xml.lastIndexOf("<", parser.position - 1);
  });
  parser.on("opentag", (tag) => {
    const parent = stack[stack.length - 1];
    const el: XmlElement = {
      name: localName(tag.name),
      qname: tag.name,
      attrs: tag.attributes as Record<string, string>,
      start,
      openEnd: parser.position,
      closeStart: parser.position,
      end: parser.position,
      selfClosing: tag.isSelfClosing,
      children: [],
      text: "",
      parent,
    };
    parent.children.push(el);
    stack.push(el);
  });
  parser.on("closetag", () => {
    const el = stack.pop() as XmlElement;
    el.end = parser.position;
    el.closeStart = el.selfClosing ? el.end : xml.lastIndexOf("<", el.end - 1);
    if (el.selfClosing) el.openEnd = el.end;
  });
  const onText = (text: string) => {
    const el = stack[stack.length - 1];
    if (!keepText || keepText.has(el.name)) el.text += text;
  };
  parser.on("text", onText);
  parser.on("cdata", onText);
  parser.on("error", (e) => {
    throw new XmlError(e.message);
  });
  parser.write(xml).close();
  return root;
}

/** The first child (or descendant along `path`) with these local names. */
export function child(el: XmlElement | undefined, ...path: string[]): XmlElement | undefined {
  let at = el;
  for (const name of path) {
    at = at?.children.find((c) => c.name === name);
    if (!at) return undefined;
  }
  return at;
}

export function children(el: XmlElement | undefined, name: string): XmlElement[] {
  return el ? el.children.filter((c) => c.name === name) : [];
}

/** An attribute by local name (any prefix), e.g. attr(sheet, "id") for r:id. */
export function attr(el: XmlElement, name: string): string | undefined {
  if (name in el.attrs) return el.attrs[name];
  for (const key in el.attrs) if (localName(key) === name && key.includes(":")) return el.attrs[key];
  return undefined;
}

// eslint-disable-next-line no-control-regex
const INVALID_XML_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/** Text for an element's content (characters XML cannot hold are dropped). */
export function escapeText(text: string): string {
  return text
    .replace(INVALID_XML_CHARS, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;");
}

/** Text for a double-quoted attribute value. */
export function escapeAttr(text: string): string {
  return escapeText(text)
    .replace(/"/g, "&quot;")
    .replace(/\n/g, "&#10;")
    .replace(/\r/g, "&#13;")
    .replace(/\t/g, "&#9;");
}

/** The prefix ("x:") an element's children are written with, from its qualified name. */
export function prefixOf(el: XmlElement): string {
  const at = el.qname.indexOf(":");
  return at < 0 ? "" : el.qname.slice(0, at + 1);
}

/** Edits of one text, applied together: each replaces [at, end) (an insertion when at = end). Edits
 *  at the same offset keep the order they were added in. Kept as three parallel lists (a scored sheet
 *  has one edit per written cell), sorted only when they were not added in order. */
export class Splices {
  private readonly at: number[] = [];
  private readonly end: number[] = [];
  private readonly text: string[] = [];

  replace(at: number, end: number, text: string): void {
    this.at.push(at);
    this.end.push(end);
    this.text.push(text);
  }

  insert(at: number, text: string): void {
    this.replace(at, at, text);
  }

  get size(): number {
    return this.at.length;
  }

  apply(source: string): string {
    const { at, end, text } = this;
    const n = at.length;
    let order: number[] | null = null;
    for (let i = 1; i < n; i++)
      if (at[i] < at[i - 1]) {
        order = Array.from({ length: n }, (_, k) => k).sort((a, b) => at[a] - at[b] || a - b);
        break;
      }
    const out: string[] = [];
    let pos = 0;
    for (let i = 0; i < n; i++) {
      const k = order ? order[i] : i;
      if (at[k] < pos) throw new Error("overlapping edits");
      out.push(source.slice(pos, at[k]), text[k]);
      pos = end[k];
    }
    out.push(source.slice(pos));
    return out.join("");
  }
}

const ATTR_PATTERNS = new Map<string, RegExp>();

/** Set (or add) one attribute in an element's start tag, keeping everything else of the tag. */
export function withAttr(tag: string, name: string, value: string): string {
  let re = ATTR_PATTERNS.get(name);
  if (!re) {
    re = new RegExp(`(\\s${name.replace(/[.:]/g, "\\$&")}\\s*=\\s*)("[^"]*"|'[^']*')`);
    ATTR_PATTERNS.set(name, re);
  }
  if (re.test(tag)) return tag.replace(re, `$1"${escapeAttr(value)}"`);
  return tag.replace(/^(<[^\s/>]+)/, `$1 ${name}="${escapeAttr(value)}"`);
}
