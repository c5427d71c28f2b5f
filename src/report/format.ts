/**
 * The report's format options (fonts by role, margins, line spacing) and the two shipped font sets:
 * plain data, apart from the renderer (src/report/docx.ts), so that the command line can parse
 * `--fonts`/`--margins` without loading the `docx` package until a report is written.
 */
export interface ReportFonts {
  title: string;
  heading1: string;
  heading2: string;
  body: string;
  /** Digits and Latin letters. */
  latin: string;
  /** The page number in the footer. */
  pageNumber: string;
}

/** 仿宋_GB2312 / 楷体_GB2312 (what most government templates name) … */
export const GB2312_FONTS: ReportFonts = {
  title: "方正小标宋简体",
  heading1: "黑体",
  heading2: "楷体_GB2312",
  body: "仿宋_GB2312",
  latin: "Times New Roman",
  pageNumber: "宋体",
};

/** … or the fonts Windows itself ships (仿宋, 楷体). */
export const WINDOWS_FONTS: ReportFonts = { ...GB2312_FONTS, heading2: "楷体", body: "仿宋" };

export interface DocxOptions {
  fonts?: Partial<ReportFonts>;
  /** Page margins in millimetres. */
  margins?: Partial<{ top: number; bottom: number; left: number; right: number }>;
  /** Fixed line spacing of the body, in points (GB/T 9704: 22 lines a page ≈ 28–29 pt). */
  lineSpacing?: number;
}
