/**
 * A pull lexer for the package's large parts (worksheets, the shared string table): one pass of
 * `indexOf` over the part's text that yields start tags, end tags and text runs with their offsets,
 * allocating nothing per tag but its name (attributes are offsets into the text, decoded only when
 * asked for). It checks what the reading relies on — every tag closed by its own end tag, one root
 * element, attributes quoted, no markup outside the root, entity references known — and throws
 * XmlError otherwise. Comments, processing instructions and a document type declaration are skipped;
 * CDATA sections are text. The small parts are read into trees through saxes (./xml).
 */
import { XmlError } from "./xml";

/** Token kinds of XmlLexer.next(). */
export const END = 0;
export const OPEN = 1;
export const CLOSE = 2;
export const TEXT = 3;

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

/** Character data with its references decoded (`&amp;`, `&#10;`, …); XmlError on an unknown one. */
export function decodeEntities(text: string): string {
  if (text.indexOf("&") < 0) return text;
  let out = "";
  let pos = 0;
  for (let at = text.indexOf("&"); at >= 0; at = text.indexOf("&", pos)) {
    const semi = text.indexOf(";", at);
    if (semi < 0 || semi - at > 12) throw new XmlError("unterminated entity reference");
    const ref = text.slice(at + 1, semi);
    let ch: string | undefined;
    if (ref.charCodeAt(0) === 35 /* # */) {
      const code = ref[1] === "x" ? parseInt(ref.slice(2), 16) : Number(ref.slice(1));
      const digits = ref[1] === "x" ? /^#x[0-9a-fA-F]+$/ : /^#[0-9]+$/;
      if (!digits.test(ref) || !(code > 0 && code <= 0x10ffff)) throw new XmlError(`bad reference &${ref};`);
      ch = String.fromCodePoint(code);
    } else ch = ENTITIES[ref];
    if (ch === undefined) throw new XmlError(`unknown entity &${ref};`);
    out += text.slice(pos, at) + ch;
    pos = semi + 1;
  }
  return out + text.slice(pos);
}

/** Distinct tag names a lexer keeps to hand out again (a part with more names slices the others). */
const MAX_NAMES = 64;

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 9 || c === 13;
}

export class XmlLexer {
  /** The current token: its kind, its offsets [start, end) in the text. */
  kind = END;
  start = 0;
  end = 0;
  /** The qualified name of the current start or end tag. */
  name = "";
  selfClosing = false;
  /** Depth of the current start tag (the root is 1) or end tag. */
  depth = 0;

  private pos = 0;
  private attrCount = 0;
  private attrAt = new Int32Array(64);
  private readonly stack: string[] = [];
  private rootSeen = false;
  private cdata = false;

  constructor(readonly xml: string) {
    // a byte-order mark is not content
    if (xml.charCodeAt(0) === 0xfeff) this.pos = 1;
  }

  private fail(why: string): never {
    throw new XmlError(`${why} at offset ${this.pos}`);
  }

  /** The next token's kind (END at the end of a well-formed text). */
  next(): number {
    const xml = this.xml;
    if (this.kind === OPEN && this.selfClosing) {
      // a self-closing tag is reported again as its own end
      this.kind = CLOSE;
      this.start = this.end;
      return CLOSE;
    }
    for (;;) {
      const pos = this.pos;
      if (pos >= xml.length) {
        if (this.stack.length) this.fail(`<${this.stack[this.stack.length - 1]}> not closed`);
        if (!this.rootSeen) this.fail("no root element");
        this.kind = END;
        return END;
      }
      if (xml.charCodeAt(pos) !== 60 /* < */) {
        let lt = xml.indexOf("<", pos);
        if (lt < 0) lt = xml.length;
        this.pos = lt;
        if (this.stack.length === 0) {
          for (let i = pos; i < lt; i++) if (!isSpace(xml.charCodeAt(i))) this.fail("text outside the root");
          continue;
        }
        this.kind = TEXT;
        this.cdata = false;
        this.start = pos;
        this.end = lt;
        return TEXT;
      }
      const c1 = xml.charCodeAt(pos + 1);
      if (c1 === 63 /* ? */) {
        const end = xml.indexOf("?>", pos + 2);
        if (end < 0) this.fail("unterminated processing instruction");
        this.pos = end + 2;
        continue;
      }
      if (c1 === 33 /* ! */) {
        if (xml.startsWith("<!--", pos)) {
          const end = xml.indexOf("-->", pos + 4);
          if (end < 0) this.fail("unterminated comment");
          this.pos = end + 3;
          continue;
        }
        if (xml.startsWith("<![CDATA[", pos)) {
          if (this.stack.length === 0) this.fail("CDATA outside the root");
          const end = xml.indexOf("]]>", pos + 9);
          if (end < 0) this.fail("unterminated CDATA section");
          this.pos = end + 3;
          this.kind = TEXT;
          this.cdata = true;
          this.start = pos + 9;
          this.end = end;
          return TEXT;
        }
        if (xml.startsWith("<!DOCTYPE", pos) && !this.rootSeen) {
          const gt = xml.indexOf(">", pos);
          const bracket = xml.indexOf("[", pos);
          const end = bracket >= 0 && bracket < gt ? xml.indexOf(">", xml.indexOf("]", bracket)) : gt;
          if (end < 0) this.fail("unterminated document type");
          this.pos = end + 1;
          continue;
        }
        this.fail("bad markup");
      }
      if (c1 === 47 /* / */) return this.closeTag(pos);
      return this.openTag(pos);
    }
  }

  private nameEnd(at: number): number {
    const xml = this.xml;
    let i = at;
    for (; i < xml.length; i++) {
      const c = xml.charCodeAt(i);
      if (isSpace(c) || c === 62 /* > */ || c === 47 /* / */ || c === 61 /* = */ || c === 60) break;
    }
    if (i === at) this.fail("a tag without a name");
    const first = xml.charCodeAt(at);
    if ((first >= 48 && first <= 57) || first === 45 || first === 46) this.fail("a bad name");
    return i;
  }

  /** The tag name at [at, end): a name seen before is that same string (no new string per tag; a
   *  worksheet's tags are a handful of names repeated a million times). */
  private nameAt(at: number, end: number): string {
    const xml = this.xml;
    const names = this.names;
    const length = end - at;
    for (let k = 0; k < names.length; k++) {
      const known = names[k];
      if (known.length === length && xml.startsWith(known, at)) return known;
    }
    const name = xml.slice(at, end);
    if (names.length < MAX_NAMES) names.push(name);
    return name;
  }

  private readonly names: string[] = [];

  private closeTag(pos: number): number {
    const xml = this.xml;
    const nameEnd = this.nameEnd(pos + 2);
    const top = this.stack[this.stack.length - 1];
    const name =
      top !== undefined && top.length === nameEnd - pos - 2 && xml.startsWith(top, pos + 2)
        ? top
        : xml.slice(pos + 2, nameEnd);
    let i = nameEnd;
    while (i < xml.length && isSpace(xml.charCodeAt(i))) i++;
    if (xml.charCodeAt(i) !== 62) this.fail(`bad end tag </${name}`);
    const open = this.stack.pop();
    if (open !== name) this.fail(open === undefined ? `stray </${name}>` : `</${name}> closes <${open}>`);
    this.depth = this.stack.length + 1;
    this.kind = CLOSE;
    this.name = name;
    this.selfClosing = false;
    this.start = pos;
    this.end = i + 1;
    this.pos = i + 1;
    return CLOSE;
  }

  private openTag(pos: number): number {
    const xml = this.xml;
    if (this.stack.length === 0 && this.rootSeen) this.fail("a second root element");
    const nameEnd = this.nameEnd(pos + 1);
    const name = this.nameAt(pos + 1, nameEnd);
    let i = nameEnd;
    let n = 0;
    for (;;) {
      const spaced = i < xml.length && isSpace(xml.charCodeAt(i));
      while (i < xml.length && isSpace(xml.charCodeAt(i))) i++;
      const c = xml.charCodeAt(i);
      if (c === 62 /* > */ || (c === 47 && xml.charCodeAt(i + 1) === 62)) {
        this.selfClosing = c === 47;
        i += c === 47 ? 2 : 1;
        break;
      }
      if (i >= xml.length) this.fail(`unterminated <${name}`);
      if (!spaced) this.fail(`no space before an attribute of <${name}>`);
      const an = this.nameEnd(i);
      let j = an;
      while (j < xml.length && isSpace(xml.charCodeAt(j))) j++;
      if (xml.charCodeAt(j) !== 61 /* = */) this.fail(`attribute without a value in <${name}>`);
      j++;
      while (j < xml.length && isSpace(xml.charCodeAt(j))) j++;
      const q = xml.charCodeAt(j);
      if (q !== 34 && q !== 39) this.fail(`unquoted attribute in <${name}>`);
      const close = xml.indexOf(q === 34 ? '"' : "'", j + 1);
      if (close < 0) this.fail(`unterminated attribute in <${name}>`);
      const lt = xml.indexOf("<", j + 1);
      if (lt >= 0 && lt < close) this.fail(`"<" in an attribute of <${name}>`);
      if (n * 4 + 4 > this.attrAt.length) {
        const grown = new Int32Array(this.attrAt.length * 2);
        grown.set(this.attrAt);
        this.attrAt = grown;
      }
      const at = this.attrAt;
      at[n * 4] = i;
      at[n * 4 + 1] = an;
      at[n * 4 + 2] = j + 1;
      at[n * 4 + 3] = close;
      n++;
      i = close + 1;
    }
    this.attrCount = n;
    this.rootSeen = true;
    this.stack.push(name);
    this.depth = this.stack.length;
    if (this.selfClosing) this.stack.pop();
    this.kind = OPEN;
    this.name = name;
    this.start = pos;
    this.end = i;
    this.pos = i;
    return OPEN;
  }

  /** An attribute of the current start tag by qualified name, decoded; undefined when absent. */
  attr(name: string): string | undefined {
    if (!this.attrSpan(name)) return undefined;
    const xml = this.xml;
    const from = this.valueStart;
    const to = this.valueEnd;
    let plain = true;
    for (let i = from; i < to && plain; i++) {
      const c = xml.charCodeAt(i);
      plain = c !== 38 /* & */ && c !== 9 && c !== 10 && c !== 13;
    }
    if (plain) return xml.slice(from, to);
    const raw = xml.slice(from, to);
    // attribute-value normalisation: literal white space is a space (references kept as written)
    const spaced = /[\t\n\r]/.test(raw) ? raw.replace(/\r\n|[\t\n\r]/g, " ") : raw;
    return decodeEntities(spaced);
  }

  /** An attribute of the current start tag that is written as 1 to 9 ASCII digits: its number (what
   *  Number(attr(name)) gives); -1 when it is absent, -2 when it is written otherwise (then ask attr). */
  attrDigits(name: string): number {
    if (!this.attrSpan(name)) return -1;
    const xml = this.xml;
    const from = this.valueStart;
    const to = this.valueEnd;
    if (to <= from || to - from > 9) return -2;
    let n = 0;
    for (let i = from; i < to; i++) {
      const c = xml.charCodeAt(i) - 48;
      if (c < 0 || c > 9) return -2;
      n = n * 10 + c;
    }
    return n;
  }

  /** Where the current start tag's attribute `name` is written: [valueStart, valueEnd) of the text,
   *  false when it is absent (the raw text, before attr's decoding). */
  attrSpan(name: string): boolean {
    const xml = this.xml;
    const at = this.attrAt;
    for (let k = 0; k < this.attrCount; k++) {
      const s = at[k * 4];
      if (at[k * 4 + 1] - s === name.length && xml.startsWith(name, s)) {
        this.valueStart = at[k * 4 + 2];
        this.valueEnd = at[k * 4 + 3];
        return true;
      }
    }
    return false;
  }

  /** Set by attrSpan. */
  valueStart = 0;
  valueEnd = 0;

  /** The current text token, decoded (line ends normalised to "\n"). */
  text(): string {
    const raw = this.xml.slice(this.start, this.end);
    const lines = raw.indexOf("\r") >= 0 ? raw.replace(/\r\n?/g, "\n") : raw;
    return this.cdata ? lines : decodeEntities(lines);
  }
}

/** Excel's escapes in shared and inline strings: `_xHHHH_` is the character HHHH (`_x005F_` an
 *  underscore, so `_x005F_x000D_` is the text "_x000D_"). */
export function decodeXstring(text: string): string {
  if (text.indexOf("_x") < 0) return text;
  return text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** The text written for `text` where Excel decodes `_xHHHH_` (a literal "_x000D_" stays itself). */
export function encodeXstring(text: string): string {
  if (text.indexOf("_x") < 0) return text;
  return text.replace(/_(x[0-9A-Fa-f]{4}_)/g, "_x005F_$1");
}
