/**
 * The draft evaluation report from the command line (`perf-eval report <in.xlsx> --out 报告.docx`,
 * `perf-eval score … --report 报告.docx`): one .docx per subject from the use-case buildReportFiles
 * (the engine's report models rendered by src/report/docx.ts, as for the pane's 生成评价报告). Writing
 * them is scoreFile's business (through writeOutputFile, like every output).
 *
 * One subject: one report, at the path given. Several: one report per subject, beside it, named
 * `<name>-<subject>.docx` (报告.docx → 报告-部门整体.docx, 报告-乡村道路养护.docx …), the department's first.
 */
import * as path from "node:path";
import type { Evaluation, Lang } from "../engine/types";
import { GB2312_FONTS, WINDOWS_FONTS, type DocxOptions, type ReportFonts } from "../report/format";
import { buildReportFiles } from "../usecases";
import { text } from "./messages";

export interface ReportFile {
  file: string;
  bytes: Uint8Array;
  /** The line that tells where it went. */
  line: string;
}

/** `--fonts`: the font sets by name. */
const FONT_SETS: Record<string, ReportFonts> = { gb2312: GB2312_FONTS, windows: WINDOWS_FONTS };

/** `--fonts …,role=font`: the roles by their English and Chinese names. */
const FONT_ROLES: Record<string, keyof ReportFonts> = {
  title: "title",
  标题: "title",
  heading1: "heading1",
  一级标题: "heading1",
  heading2: "heading2",
  二级标题: "heading2",
  body: "body",
  正文: "body",
  latin: "latin",
  西文: "latin",
  pagenumber: "pageNumber",
  页码: "pageNumber",
};

/** The largest margin accepted, in millimetres (A4 is 210 mm wide). */
const MAX_MARGIN = 100;

/**
 * The report's format from `--fonts gb2312|windows[,role=font…]` and `--margins top,bottom,left,right`
 * (millimetres), as renderer options; a bad value is an error naming the flag, in the user's language.
 */
export function reportFormat(
  flags: { fonts?: string; margins?: string },
  lang: Lang,
): { options: DocxOptions } | { error: string } {
  const options: DocxOptions = {};
  if (flags.fonts !== undefined) {
    const bad = () => ({ error: text(lang, "badFonts", { value: flags.fonts as string }) });
    const items = flags.fonts.split(/[,，]/).map((s) => s.trim());
    let fonts: ReportFonts = { ...GB2312_FONTS };
    for (const [i, item] of items.entries()) {
      const eq = item.search(/[=＝]/);
      if (eq < 0) {
        const set = FONT_SETS[item.toLowerCase()];
        if (i !== 0 || !set) return bad();
        fonts = { ...set };
        continue;
      }
      const role = FONT_ROLES[item.slice(0, eq).trim().toLowerCase()];
      const font = item.slice(eq + 1).trim();
      const control = [...font].some((ch) => ch.charCodeAt(0) < 0x20);
      if (!role || font === "" || font.length > 64 || control) return bad();
      fonts[role] = font;
    }
    options.fonts = fonts;
  }
  if (flags.margins !== undefined) {
    const parts = flags.margins.split(/[,，]/).map((s) => s.trim());
    const values = parts.map((s) => (/^\d+(\.\d+)?$/.test(s) ? Number(s) : NaN));
    if (values.length !== 4 || values.some((v) => !Number.isFinite(v) || v > MAX_MARGIN))
      return { error: text(lang, "badMargins", { value: flags.margins, max: MAX_MARGIN }) };
    const [top, bottom, left, right] = values;
    options.margins = { top, bottom, left, right };
  }
  return { options };
}

/** A subject's name as a part of a file name: no path separators, no characters file systems refuse. */
function fileNamePart(name: string): string {
  const clean = [...name]
    .filter((ch) => ch.charCodeAt(0) >= 0x20 && !'\\/:*?"<>|'.includes(ch))
    .join("")
    .trim()
    .replace(/^\.+/, "");
  return clean.slice(0, 80) || "subject";
}

/** Where each subject's report goes: the path itself for one; `<stem>-<subject>.docx` for several
 *  (a name used twice gets -2, -3 …). */
export function reportPaths(file: string, names: string[]): string[] {
  if (names.length <= 1) return [file];
  const dir = path.dirname(file);
  const stem = path.basename(file, path.extname(file));
  const used = new Set<string>();
  return names.map((name) => {
    const base = `${stem}-${fileNamePart(name)}`;
    let candidate = base;
    for (let n = 2; used.has(candidate.toLowerCase()); n++) candidate = `${base}-${n}`;
    used.add(candidate.toLowerCase());
    return path.join(dir, `${candidate}.docx`);
  });
}

/** Every subject's report (the use-case the pane's 生成评价报告 shares): its bytes, its path and its line. */
export async function reportDocxFiles(
  evaluation: Evaluation,
  file: string,
  lang: Lang,
  format: DocxOptions = {},
): Promise<ReportFile[]> {
  const reports = await buildReportFiles(evaluation, lang, {
    format,
    // The renderer (and the docx package, ~60 ms to load) only when a report is asked for. `require`,
    // not `import()`: the batch's workers run these sources through a require hook when not compiled.
    renderer: () =>
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      (require("../report/docx") as typeof import("../report/docx")).renderReportDocx,
  });
  const paths = reportPaths(
    file,
    reports.map((r) => r.name),
  );
  return reports.map((r, i) => ({
    file: paths[i],
    bytes: r.bytes,
    line: text(lang, "reportWritten", { file: paths[i], placeholders: r.placeholders }),
  }));
}
