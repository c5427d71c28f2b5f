/** Reading a .docx back for tests: word/document.xml's paragraphs and table rows as plain text. */
import JSZip from "jszip";

const decode = (s: string) =>
  s
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, "&");

const textOf = (xml: string) =>
  [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => decode(m[1])).join("");

export interface DocxText {
  xml: string;
  /** Body paragraphs outside tables, in order. */
  paragraphs: string[];
  /** Paragraphs styled Heading1 / Heading2, in order. */
  headings1: string[];
  headings2: string[];
  /** Each table row's cells. */
  tableRows: string[][];
  /** Whether the first row of each table is marked as a header row. */
  headerRows: boolean[];
  /** Runs highlighted (placeholders). */
  highlighted: string[];
  footerXml: string;
}

export async function readDocx(bytes: Uint8Array): Promise<DocxText> {
  const zip = await JSZip.loadAsync(bytes);
  const xml = await zip.file("word/document.xml")!.async("string");
  const footerName = Object.keys(zip.files).find((n) => /^word\/footer\d*\.xml$/.test(n));
  const footerXml = footerName ? await zip.file(footerName)!.async("string") : "";
  const tables = [...xml.matchAll(/<w:tbl>([\s\S]*?)<\/w:tbl>/g)].map((m) => m[1]);
  const outside = xml.replace(/<w:tbl>[\s\S]*?<\/w:tbl>/g, "");
  const paras = [...outside.matchAll(/<w:p(?:\s[^>]*)?>([\s\S]*?)<\/w:p>/g)].map((m) => m[1]);
  const styled = (id: string) =>
    paras.filter((p) => p.includes(`<w:pStyle w:val="${id}"/>`)).map((p) => textOf(p));
  const tableRows = tables.flatMap((t) =>
    [...t.matchAll(/<w:tr(?:\s[^>]*)?>([\s\S]*?)<\/w:tr>/g)].map((r) =>
      [...r[1].matchAll(/<w:tc>([\s\S]*?)<\/w:tc>/g)].map((c) => textOf(c[1])),
    ),
  );
  const headerRows = tables.map((t) => {
    const first = /<w:tr(?:\s[^>]*)?>([\s\S]*?)<\/w:tr>/.exec(t)?.[1] ?? "";
    return /<w:tblHeader(?:\s+w:val="(?:true|1|on)")?\s*\/>/.test(first);
  });
  const highlighted = [
    ...xml.matchAll(/<w:r>((?:(?!<\/w:r>)[\s\S])*?<w:highlight [^>]*\/>[\s\S]*?)<\/w:r>/g),
  ].map((m) => textOf(m[1]));
  return {
    xml,
    paragraphs: paras.map(textOf),
    headings1: styled("Heading1"),
    headings2: styled("Heading2"),
    tableRows,
    headerRows,
    highlighted,
    footerXml,
  };
}
