/**
 * renderReportDocx: a ReportModel (src/engine/report-model) as a Word .docx, laid out after the
 * conventions of official documents (GB/T 9704): A4; margins 37 mm top, 35 mm bottom, 28 mm left, 26 mm
 * right; title 二号 小标宋, centred; 一级标题 黑体 三号; 二级标题 楷体 三号 加粗; body 仿宋 三号 with a
 * two-character first-line indent; fixed line spacing (28 pt); digits and Latin in Times New Roman;
 * page numbers "— 1 —" in the footer; the score table a real Word table with a repeated header row;
 * placeholders highlighted. Fonts and margins are options (仿宋_GB2312 on older machines, 仿宋 on newer).
 *
 * Built with the `docx` package; runs in Node (the command line) and in the browser (the pane loads this
 * module as a lazy chunk).
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  HeadingLevel,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from "docx";
import type {
  ReportBlock,
  ReportModel,
  ReportRun,
  ScoreTable,
  ScoreTableRow,
} from "../engine/report-model/types";
import { joinZhList } from "../engine/format";
import { GB2312_FONTS, type DocxOptions, type ReportFonts } from "./format";

const PT = 2; // docx sizes are half-points
/** Millimetres to twips, rounded (docx's own helper floors: A4 would come out 11905 × 16837). */
const mm = (x: number) => Math.round((x * 1440) / 25.4);
const SIZE = {
  title: 22 * PT,
  heading: 16 * PT,
  body: 16 * PT,
  table: 14 * PT,
  note: 14 * PT,
  pageNumber: 14 * PT,
};

interface Style {
  fonts: ReportFonts;
  line: number; // twips
}

/** An appendix item's cells in brackets: "（预算执行!G4、预算执行!H4）", "(Budget!G4, Budget!H4)". */
function cellList(cells: string[], zh: boolean): string {
  return zh ? `（${joinZhList(cells)}）` : ` (${cells.join(", ")})`;
}

function fontsFor(eastAsia: string, fonts: ReportFonts) {
  return { ascii: fonts.latin, hAnsi: fonts.latin, cs: fonts.latin, eastAsia };
}

function runsOf(runs: ReportRun[], style: Style, font: string, size: number, bold = false): TextRun[] {
  return runs.map(
    (r) =>
      new TextRun({
        text: r.text,
        font: fontsFor(font, style.fonts),
        size,
        bold,
        ...(r.placeholder ? { highlight: "yellow" as const } : {}),
      }),
  );
}

function exact(line: number) {
  return { line, lineRule: LineRuleType.EXACT, before: 0, after: 0 };
}

function bodyParagraph(runs: ReportRun[], style: Style, role: string): Paragraph {
  const note = role === "source";
  return new Paragraph({
    children: runsOf(
      runs,
      style,
      note ? style.fonts.heading2 : style.fonts.body,
      note ? SIZE.note : SIZE.body,
    ),
    spacing: exact(style.line),
    indent: role === "caption" ? undefined : { firstLine: 2 * SIZE.body * 10 }, // two characters: 2 × 16 pt = 640 twips
    alignment: role === "caption" ? AlignmentType.CENTER : AlignmentType.JUSTIFIED,
    keepNext: role === "caption", // the caption stays on the table's page
  });
}

function heading1(textValue: string, style: Style): Paragraph {
  return new Paragraph({
    heading: HeadingLevel.HEADING_1,
    children: runsOf([{ text: textValue }], style, style.fonts.heading1, SIZE.heading),
    spacing: exact(style.line),
    indent: { firstLine: 2 * SIZE.heading * 10 },
    keepNext: true,
  });
}

function heading2(textValue: string, style: Style): Paragraph {
  return new Paragraph({
    heading: HeadingLevel.HEADING_2,
    children: runsOf([{ text: textValue }], style, style.fonts.heading2, SIZE.heading, true),
    spacing: exact(style.line),
    indent: { firstLine: 2 * SIZE.heading * 10 },
    keepNext: true,
  });
}

function formatTableNumber(x: number): string {
  if (!Number.isFinite(x)) return "—";
  const fixed = x.toFixed(2);
  return fixed.endsWith(".00") ? fixed.slice(0, -3) : fixed;
}

function cell(textValue: string, style: Style, opts: { bold?: boolean; width: number }): TableCell {
  return new TableCell({
    width: { size: opts.width, type: WidthType.PERCENTAGE },
    verticalAlign: VerticalAlign.CENTER,
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: exact(Math.round(style.line * 0.8)),
        children: runsOf([{ text: textValue }], style, style.fonts.body, SIZE.table, opts.bold),
      }),
    ],
  });
}

const WIDTHS = [40, 20, 20, 20];

function scoreTable(table: ScoreTable, style: Style): Table {
  const line = (row: ScoreTableRow, label: string, bold: boolean) =>
    new TableRow({
      cantSplit: true,
      children: [
        cell(label, style, { bold, width: WIDTHS[0] }),
        cell(formatTableNumber(row.weight), style, { bold, width: WIDTHS[1] }),
        cell(formatTableNumber(row.score), style, { bold, width: WIDTHS[2] }),
        cell(row.rate === null ? "—" : `${(row.rate * 100).toFixed(2)}%`, style, { bold, width: WIDTHS[3] }),
      ],
    });
  const border = { style: BorderStyle.SINGLE, size: 4, color: "000000" };
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: {
      top: border,
      bottom: border,
      left: border,
      right: border,
      insideHorizontal: border,
      insideVertical: border,
    },
    rows: [
      new TableRow({
        tableHeader: true,
        cantSplit: true,
        children: table.header.map((h, i) => cell(h, style, { bold: true, width: WIDTHS[i] })),
      }),
      ...table.rows.map((r) => line(r, r.name, false)),
      line(table.total, table.total.label, true),
    ],
  });
}

function blocks(list: ReportBlock[], style: Style): (Paragraph | Table)[] {
  return list.map((b) => {
    if (b.type === "subheading") return heading2(b.text, style);
    if (b.type === "table") return scoreTable(b.table, style);
    return bodyParagraph(b.runs, style, b.role);
  });
}

/** The report as the bytes of a .docx file. */
export async function renderReportDocx(model: ReportModel, options: DocxOptions = {}): Promise<Uint8Array> {
  const fonts: ReportFonts = { ...GB2312_FONTS, ...options.fonts };
  const margins = { top: 37, bottom: 35, left: 28, right: 26, ...options.margins };
  const style: Style = { fonts, line: Math.round((options.lineSpacing ?? 28) * 20) };
  const children: (Paragraph | Table)[] = [
    new Paragraph({
      heading: HeadingLevel.TITLE,
      alignment: AlignmentType.CENTER,
      spacing: {
        line: Math.round(style.line * 1.25),
        lineRule: LineRuleType.EXACT,
        before: 0,
        after: style.line,
      },
      children: runsOf(model.title, style, fonts.title, SIZE.title),
    }),
  ];
  for (const section of model.sections) {
    children.push(heading1(section.heading, style));
    children.push(...blocks(section.blocks, style));
  }
  if (model.appendix.items.length) {
    children.push(
      new Paragraph({
        heading: HeadingLevel.HEADING_1,
        pageBreakBefore: true,
        children: runsOf([{ text: model.appendix.heading }], style, fonts.heading1, SIZE.heading),
        spacing: exact(style.line),
      }),
      bodyParagraph([{ text: model.appendix.lead }], style, "body"),
      ...model.appendix.items.map((item, i) =>
        bodyParagraph(
          [
            { text: `${i + 1}. ${item.item}${model.lang === "zh-CN" ? "：" : ": "}${item.text}` },
            ...(item.cells.length
              ? [
                  {
                    text: cellList(
                      item.cells.slice(0, 12).map((c) => `${c.sheet}!${c.address}`),
                      model.lang === "zh-CN",
                    ),
                  },
                ]
              : []),
          ],
          style,
          "body",
        ),
      ),
    );
  }
  const pageNumberRun = (children: (string | (typeof PageNumber)[keyof typeof PageNumber])[]) =>
    new TextRun({ children, font: fontsFor(fonts.pageNumber, fonts), size: SIZE.pageNumber });
  const doc = new Document({
    creator: model.lang === "zh-CN" ? "绩效评价助手" : "Performance Evaluation Assistant",
    title: model.title.map((r) => r.text).join(""),
    styles: {
      default: {
        document: {
          run: { font: fontsFor(fonts.body, fonts), size: SIZE.body },
          paragraph: { spacing: exact(style.line) },
        },
        title: { run: { font: fontsFor(fonts.title, fonts), size: SIZE.title, color: "000000" } },
        heading1: { run: { font: fontsFor(fonts.heading1, fonts), size: SIZE.heading, color: "000000" } },
        heading2: {
          run: { font: fontsFor(fonts.heading2, fonts), size: SIZE.heading, bold: true, color: "000000" },
        },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: mm(210), height: mm(297) },
            margin: {
              top: mm(margins.top),
              bottom: mm(margins.bottom),
              left: mm(margins.left),
              right: mm(margins.right),
              footer: mm(Math.max(10, margins.bottom - 7)),
            },
          },
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [pageNumberRun(["— ", PageNumber.CURRENT, " —"])],
              }),
            ],
          }),
        },
        children,
      },
    ],
  });
  return new Uint8Array(await Packer.toArrayBuffer(doc));
}
