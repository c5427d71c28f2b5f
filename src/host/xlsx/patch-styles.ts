/**
 * The copy's xl/styles.xml, patched: the records the copy needs (a cell style with another number
 * format, the marks' differential formats, the summary sheet's fonts, fills, borders and cell styles)
 * are looked up among the records already there (by their exact text, so a re-run adds nothing) and
 * otherwise appended to their list, whose `count` is set again. Every other byte of the part — named
 * cell styles, indexed colours, table styles, extension lists, unknown elements — stays as it was.
 */
import { builtinFormat } from "./book";
import { escapeAttr, parseXml, prefixOf, Splices, withAttr, type XmlElement } from "./xml";

/** The sections of a style sheet in schema order (CT_Stylesheet) and the local name of their records. */
const SECTIONS: [string, string][] = [
  ["numFmts", "numFmt"],
  ["fonts", "font"],
  ["fills", "fill"],
  ["borders", "border"],
  ["cellStyleXfs", "xf"],
  ["cellXfs", "xf"],
  ["cellStyles", "cellStyle"],
  ["dxfs", "dxf"],
  ["tableStyles", "tableStyle"],
  ["colors", ""],
  ["extLst", ""],
];

/** The style sheet of a workbook that has none (valid for Excel: one font, the two required fills, one
 *  border, the Normal style). */
export const DEFAULT_STYLES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
  '<fonts count="1"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
  "</styleSheet>";

const DEFAULT_XF = '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>';

interface Section {
  el: XmlElement | undefined;
  /** Texts of the records there, then of those appended. */
  texts: string[];
  existing: number;
  index: Map<string, number> | null;
}

/** A font, fill and border of the summary sheet's styles (colours as ARGB "FFRRGGBB"). */
export interface CellLook {
  font?: { bold?: boolean; italic?: boolean; underline?: boolean; size?: number; color?: string };
  fill?: string;
  border?: { color?: string; topDouble?: boolean };
  alignment?: { horizontal?: string; vertical?: string; wrapText?: boolean };
  numberFormat?: string;
}

export class StylePatch {
  private readonly root: XmlElement;
  private readonly prefix: string;
  private readonly sections = new Map<string, Section>();
  private readonly customFormats = new Map<string, number>();
  private nextFormatId = 164;
  private changed = false;
  private readonly byFormat = new Map<string, number>();

  /** `xml`: the input's styles part (null: the workbook has none, DEFAULT_STYLES is patched instead). */
  constructor(readonly xml: string) {
    const doc = parseXml(xml);
    const root = doc.children.find((c) => c.name === "styleSheet");
    if (!root) throw new Error("styles part without styleSheet");
    this.root = root;
    this.prefix = prefixOf(root);
    for (const [name, record] of SECTIONS) {
      if (!record) continue;
      const el = root.children.find((c) => c.name === name);
      const texts = el
        ? el.children.filter((c) => c.name === record).map((c) => xml.slice(c.start, c.end))
        : [];
      this.sections.set(name, { el, texts, existing: texts.length, index: null });
    }
    const numFmts = this.sections.get("numFmts") as Section;
    for (const f of numFmts.el?.children.filter((c) => c.name === "numFmt") ?? []) {
      const id = Number(f.attrs.numFmtId);
      if (!Number.isInteger(id)) continue;
      if (!this.customFormats.has(f.attrs.formatCode ?? ""))
        this.customFormats.set(f.attrs.formatCode ?? "", id);
      if (id >= this.nextFormatId) this.nextFormatId = id + 1;
    }
  }

  /** Whether anything was appended. */
  get edited(): boolean {
    return this.changed;
  }

  private section(name: string): Section {
    return this.sections.get(name) as Section;
  }

  /** The record's index in its section: an identical one already there, else appended. */
  private record(name: string, text: string): number {
    const s = this.section(name);
    if (!s.index) {
      s.index = new Map();
      s.texts.forEach((t, i) => {
        if (!(s.index as Map<string, number>).has(t)) (s.index as Map<string, number>).set(t, i);
      });
    }
    const known = s.index.get(text);
    if (known !== undefined) return known;
    s.texts.push(text);
    s.index.set(text, s.texts.length - 1);
    this.changed = true;
    return s.texts.length - 1;
  }

  private tag(local: string): string {
    return `${this.prefix}${local}`;
  }

  /** The id of a number format code (built-in, already defined, or added). */
  formatId(code: string): number {
    if (code === "General") return 0;
    const known = this.knownFormatId(code);
    if (known !== undefined) return known;
    const id = this.nextFormatId++;
    this.customFormats.set(code, id);
    this.record("numFmts", `<${this.tag("numFmt")} numFmtId="${id}" formatCode="${escapeAttr(code)}"/>`);
    return id;
  }

  /** The text of cell style `s` (the default style's when there is no such record). */
  private xfText(s: number): string {
    return this.section("cellXfs").texts[s] ?? this.section("cellXfs").texts[0] ?? DEFAULT_XF;
  }

  /** The number format id of a cell style's record text (0 when it names none). */
  private static formatOf(text: string): number {
    return Number(/^[^>]*\snumFmtId\s*=\s*["']([^"']*)["']/.exec(text)?.[1] ?? 0);
  }

  /** A cell style's record text with number format `id` (what withFormat appends). */
  private static formatted(text: string, id: number): string {
    const end = text.indexOf(">") + 1;
    let open = text.slice(0, end);
    const selfClosing = open.endsWith("/>");
    open = withAttr(open, "numFmtId", String(id));
    if (id !== 0) open = withAttr(open, "applyNumberFormat", "1");
    if (selfClosing && !open.endsWith("/>")) open = open.replace(/>$/, "/>");
    return open + text.slice(end);
  }

  /** The cell style that is `base` with number format `code`. */
  withFormat(base: number, code: string): number {
    const key = `${base}\u0000${code}`;
    const cached = this.byFormat.get(key);
    if (cached !== undefined) return cached;
    const id = this.formatId(code);
    const text = this.xfText(base);
    let result = base;
    if (StylePatch.formatOf(text) !== id || !this.section("cellXfs").texts[base])
      result = this.record("cellXfs", StylePatch.formatted(text, id));
    this.byFormat.set(key, result);
    return result;
  }

  private readonly byRestore = new Map<string, number>();

  /**
   * The cell style undo gives back to a cell of style `current` whose number format was `code` before
   * the add-in wrote it: the style it had then — the first record with format `code` that withFormat
   * turns into `current` (style 0, which a cell without `s` has, when that is the one), so undo adds no
   * record — else `current` with format `code` (the user changed the cell's style since).
   */
  restoreFormat(current: number, code: string): number {
    const key = `${current}\u0000${code}`;
    const cached = this.byRestore.get(key);
    if (cached !== undefined) return cached;
    const texts = this.section("cellXfs").texts;
    const now = texts[current];
    const target = code === "General" ? 0 : this.knownFormatId(code);
    let result = -1;
    if (now !== undefined && target !== undefined && StylePatch.formatOf(now) !== target) {
      const id = StylePatch.formatOf(now);
      for (let i = 0; i < texts.length && result < 0; i++)
        if (
          i !== current &&
          StylePatch.formatOf(texts[i]) === target &&
          StylePatch.formatted(texts[i], id) === now
        )
          result = i;
    }
    if (result < 0) result = this.withFormat(current, code);
    this.byRestore.set(key, result);
    return result;
  }

  /** The id of a number format code already known (built-in or defined), without adding one. */
  private knownFormatId(code: string): number | undefined {
    for (let id = 0; id < 50; id++) if (builtinFormat(id) === code) return id;
    return this.customFormats.get(code);
  }

  /** A differential format filling the cell with `argb` (the marks). */
  fillDxf(argb: string): number {
    const t = (n: string) => this.tag(n);
    return this.record(
      "dxfs",
      `<${t("dxf")}><${t("fill")}><${t("patternFill")} patternType="solid"><${t("bgColor")} rgb="${argb}"/></${t("patternFill")}></${t("fill")}></${t("dxf")}>`,
    );
  }

  /** The first font's name, family and scheme: the summary's fonts are the workbook's own. */
  private baseFont(): string {
    const first = this.section("fonts").texts[0] ?? "";
    const keep = (name: string) => new RegExp(`<(?:\\w+:)?${name}\\b[^>]*/>`).exec(first)?.[0] ?? "";
    return [keep("name"), keep("family"), keep("charset"), keep("scheme")].join("");
  }

  private baseSize(): number {
    const first = this.section("fonts").texts[0] ?? "";
    const size = Number(/<(?:\w+:)?sz\b[^>]*\bval="([^"]*)"/.exec(first)?.[1]);
    return Number.isFinite(size) && size > 0 ? size : 11;
  }

  /** A cell style of its own look (the summary sheet). */
  look(look: CellLook): number {
    const t = (n: string) => this.tag(n);
    let fontId = 0;
    if (look.font) {
      const f = look.font;
      fontId = this.record(
        "fonts",
        `<${t("font")}>${f.bold ? `<${t("b")}/>` : ""}${f.italic ? `<${t("i")}/>` : ""}${f.underline ? `<${t("u")}/>` : ""}` +
          `<${t("sz")} val="${f.size ?? this.baseSize()}"/>${f.color ? `<${t("color")} rgb="${f.color}"/>` : ""}` +
          `${this.baseFont()}</${t("font")}>`,
      );
    }
    let fillId = 0;
    if (look.fill)
      fillId = this.record(
        "fills",
        `<${t("fill")}><${t("patternFill")} patternType="solid"><${t("fgColor")} rgb="${look.fill}"/><${t("bgColor")} indexed="64"/></${t("patternFill")}></${t("fill")}>`,
      );
    let borderId = 0;
    if (look.border) {
      const color = look.border.color ? `<${t("color")} rgb="${look.border.color}"/>` : "";
      const side = (name: string, style = "thin") =>
        `<${t(name)} style="${style}">${style === "thin" ? color : ""}</${t(name)}>`;
      borderId = this.record(
        "borders",
        `<${t("border")}>${side("left")}${side("right")}${side("top", look.border.topDouble ? "double" : "thin")}${side("bottom")}<${t("diagonal")}/></${t("border")}>`,
      );
    }
    const numFmtId = look.numberFormat ? this.formatId(look.numberFormat) : 0;
    const a = look.alignment;
    const alignment = a
      ? `<${t("alignment")}${a.horizontal ? ` horizontal="${a.horizontal}"` : ""}${a.vertical ? ` vertical="${a.vertical}"` : ""}${a.wrapText ? ' wrapText="1"' : ""}/>`
      : "";
    const applied = [
      numFmtId ? ' applyNumberFormat="1"' : "",
      fontId ? ' applyFont="1"' : "",
      fillId ? ' applyFill="1"' : "",
      borderId ? ' applyBorder="1"' : "",
      alignment ? ' applyAlignment="1"' : "",
    ].join("");
    const open = `<${t("xf")} numFmtId="${numFmtId}" fontId="${fontId}" fillId="${fillId}" borderId="${borderId}" xfId="0"${applied}`;
    return this.record("cellXfs", alignment ? `${open}>${alignment}</${t("xf")}>` : `${open}/>`);
  }

  /** The patched part (the input's text when nothing was added). */
  result(): string {
    if (!this.changed) return this.xml;
    const splices = new Splices();
    const order = SECTIONS.map(([name]) => name);
    for (const [name, record] of SECTIONS) {
      if (!record) continue;
      const s = this.section(name);
      if (s.texts.length === s.existing) continue;
      const added = s.texts.slice(s.existing).join("");
      const count = String(s.texts.length);
      if (s.el && !s.el.selfClosing) {
        const open = this.xml.slice(s.el.start, s.el.openEnd);
        splices.replace(s.el.start, s.el.openEnd, withAttr(open, "count", count));
        splices.insert(s.el.closeStart, added);
      } else if (s.el) {
        const open = this.xml.slice(s.el.start, s.el.end).replace(/\s*\/>$/, ">");
        splices.replace(s.el.start, s.el.end, `${withAttr(open, "count", count)}${added}</${s.el.qname}>`);
      } else {
        const at = order.indexOf(name);
        const next = this.root.children.find((c) => order.indexOf(c.name) > at);
        const text = `<${this.tag(name)} count="${count}">${added}</${this.tag(name)}>`;
        splices.insert(next ? next.start : this.root.closeStart, text);
      }
    }
    return splices.apply(this.xml);
  }
}
