/**
 * installOfficeGlobals: put the in-memory Excel where the add-in expects Office.js — `Excel`, a minimal
 * `Office` (onReady, HostType, context.displayLanguage, context.requirements.isSetSupported) and
 * `OfficeExtension.Error` — on a target such as `window` or `globalThis`. Browser-safe (no Node APIs).
 */
import { createExcelApi } from "./api";
import { ErrorCodes, RichApiError } from "./errors";
import { parseMinor } from "./workbook";
import type { MemoryWorkbook } from "./workbook";

interface OfficeGlobalsOptions {
  /** Office.context.displayLanguage, e.g. "zh-CN" (default) or "en-US". */
  displayLanguage?: string;
}

/** True for ExcelApi up to the workbook's supported version (other sets: false). */
export function isSetSupportedBy(
  workbook: MemoryWorkbook,
  name: string,
  minVersion?: string | number,
): boolean {
  if (String(name).toLowerCase() !== "excelapi") return false;
  if (minVersion === undefined || minVersion === null || minVersion === "") return true;
  try {
    return parseMinor(minVersion) <= workbook.supportedApiMinor;
  } catch {
    return false;
  }
}

export function installOfficeGlobals(
  target: Record<string, unknown>,
  workbook: MemoryWorkbook,
  opts: OfficeGlobalsOptions = {},
): void {
  const info = { host: "Excel", platform: "OfficeOnline" };
  target.Excel = createExcelApi(workbook);
  target.Office = {
    HostType: {
      Excel: "Excel",
      Word: "Word",
      PowerPoint: "PowerPoint",
      Outlook: "Outlook",
      OneNote: "OneNote",
      Project: "Project",
      Access: "Access",
    },
    PlatformType: {
      OfficeOnline: "OfficeOnline",
      PC: "PC",
      Mac: "Mac",
      iOS: "iOS",
      Android: "Android",
      Universal: "Universal",
    },
    onReady(
      callback?: (info: { host: string; platform: string }) => void,
    ): Promise<{ host: string; platform: string }> {
      if (callback) callback(info);
      return Promise.resolve(info);
    },
    context: {
      displayLanguage: opts.displayLanguage ?? "zh-CN",
      contentLanguage: opts.displayLanguage ?? "zh-CN",
      host: "Excel",
      platform: "OfficeOnline",
      requirements: {
        isSetSupported: (name: string, minVersion?: string | number) =>
          isSetSupportedBy(workbook, name, minVersion),
      },
    },
  };
  target.OfficeExtension = { Error: RichApiError, ErrorCodes: { ...ErrorCodes } };
}
