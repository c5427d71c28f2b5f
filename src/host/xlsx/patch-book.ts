/**
 * The package-level parts of the copy, patched as text: new `<sheet>` entries appended to
 * xl/workbook.xml's `<sheets>` (everything else of it — defined names, calculation settings, workbook
 * protection, views — untouched), their relationships appended to the workbook's .rels, their
 * content types (and a styles part's, when the workbook had none) to [Content_Types].xml.
 */
import path from "node:path";
import { REL_NS, WORKSHEET_REL, WORKSHEET_TYPE, type Book } from "./book";
import { child, escapeAttr, parseXml, Splices, type XmlElement } from "./xml";

export const STYLES_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml";

export interface NewSheet {
  name: string;
  part: string;
  state?: "veryHidden" | "hidden";
}

export interface NewPart {
  part: string;
  type: string;
  /** The workbook relationship type pointing at it. */
  rel: string;
}

interface BookEdits {
  workbookXml: string;
  relsXml: string;
  contentTypesXml: string;
}

/** A part name not in the package: `xl/worksheets/sheet<N>.xml` with the first free N. */
export function freePartName(taken: Set<string>, dir: string, stem: string, ext: string): string {
  for (let n = 1; ; n++) {
    const name = `${dir}/${stem}${n}.${ext}`;
    if (!taken.has(name) && !taken.has(name.toLowerCase())) return name;
  }
}

function relativeTarget(fromPart: string, part: string): string {
  return path.posix.relative(path.posix.dirname(fromPart), part);
}

/** The prefix bound to the relationships namespace on the workbook's root, or null. */
function relPrefix(root: XmlElement): string | null {
  for (const [key, value] of Object.entries(root.attrs))
    if (value === REL_NS && key.startsWith("xmlns:")) return key.slice("xmlns:".length);
  return null;
}

/** Appends the new sheets and parts to the workbook, its relationships and the content types. */
export function patchBook(book: Book, sheets: NewSheet[], parts: NewPart[]): BookEdits {
  const relsTree = parseXml(book.workbookRelsXml);
  const relsRoot = child(relsTree, "Relationships") as XmlElement;
  const ids = new Set(book.workbookRels.map((r) => r.id));
  let n = 1;
  const nextId = () => {
    while (ids.has(`rId${n}`)) n++;
    ids.add(`rId${n}`);
    return `rId${n}`;
  };
  const relPrefixOf = relsRoot.qname.includes(":")
    ? relsRoot.qname.slice(0, relsRoot.qname.indexOf(":") + 1)
    : "";
  let rels = "";
  const rel = (type: string, part: string) => {
    const id = nextId();
    rels += `<${relPrefixOf}Relationship Id="${id}" Type="${type}" Target="${escapeAttr(relativeTarget(book.workbookPart, part))}"/>`;
    return id;
  };

  // workbook.xml
  const wbRoot = child(book.workbookTree, "workbook") as XmlElement;
  const sheetsEl = child(wbRoot, "sheets");
  const P = wbRoot.qname.includes(":") ? wbRoot.qname.slice(0, wbRoot.qname.indexOf(":") + 1) : "";
  const r = relPrefix(wbRoot);
  let maxId = 0;
  for (const s of book.sheets) maxId = Math.max(maxId, s.sheetId);
  let entries = "";
  for (const s of sheets) {
    const id = rel(WORKSHEET_REL, s.part);
    const ns = r === null ? ` xmlns:r="${REL_NS}"` : "";
    const state = s.state ? ` state="${s.state}"` : "";
    entries += `<${P}sheet name="${escapeAttr(s.name)}" sheetId="${++maxId}"${state}${ns} ${r ?? "r"}:id="${id}"/>`;
  }
  for (const p of parts) rel(p.rel, p.part);
  const wb = new Splices();
  if (entries) {
    if (sheetsEl && !sheetsEl.selfClosing) wb.insert(sheetsEl.closeStart, entries);
    else if (sheetsEl) {
      const open = book.workbookXml.slice(sheetsEl.start, sheetsEl.end).replace(/\s*\/>$/, ">");
      wb.replace(sheetsEl.start, sheetsEl.end, `${open}${entries}</${sheetsEl.qname}>`);
    } else throw new Error("workbook without <sheets>");
  }

  const relsEdit = new Splices();
  if (rels) {
    if (!relsRoot.selfClosing) relsEdit.insert(relsRoot.closeStart, rels);
    else {
      const open = book.workbookRelsXml.slice(relsRoot.start, relsRoot.end).replace(/\s*\/>$/, ">");
      relsEdit.replace(relsRoot.start, relsRoot.end, `${open}${rels}</${relsRoot.qname}>`);
    }
  }

  // [Content_Types].xml
  const typesTree = parseXml(book.contentTypesXml);
  const typesRoot = child(typesTree, "Types") as XmlElement;
  const TP = typesRoot.qname.includes(":") ? typesRoot.qname.slice(0, typesRoot.qname.indexOf(":") + 1) : "";
  const overridden = new Set(
    typesRoot.children
      .filter((c) => c.name === "Override")
      .map((c) => (c.attrs.PartName ?? "").toLowerCase()),
  );
  let types = "";
  const override = (part: string, type: string) => {
    if (overridden.has(`/${part}`.toLowerCase())) return;
    types += `<${TP}Override PartName="/${escapeAttr(part)}" ContentType="${type}"/>`;
  };
  for (const s of sheets) override(s.part, WORKSHEET_TYPE);
  for (const p of parts) override(p.part, p.type);
  const typesEdit = new Splices();
  if (types) typesEdit.insert(typesRoot.closeStart, types);

  return {
    workbookXml: wb.size ? wb.apply(book.workbookXml) : book.workbookXml,
    relsXml: relsEdit.size ? relsEdit.apply(book.workbookRelsXml) : book.workbookRelsXml,
    contentTypesXml: typesEdit.size ? typesEdit.apply(book.contentTypesXml) : book.contentTypesXml,
  };
}
