/**
 * Errors every adapter throws and the use-cases re-throw: a HostError that carries its message in both
 * languages, and the messages the adapters share (a protected sheet, a failed write that was put back,
 * a put-back that failed too). Pure: no host API. Each adapter translates its own host's errors
 * (Office.js RichApi codes in ./office/errors, WPS exceptions in ./wps/errors) into these.
 */
import { HostError, type HostErrorCode } from "./port";

export interface Messages {
  "zh-CN": string;
  "en-US": string;
}

/** A HostError with a user-facing message in each language (`message` is the zh-CN one). */
export class LocalizedHostError extends HostError {
  constructor(
    code: HostErrorCode,
    readonly messages: Messages,
    sheet?: string,
    cell?: string,
    readonly original?: unknown,
  ) {
    super(code, messages["zh-CN"], sheet, cell);
  }
}

/** The product whose error the message quotes ("Excel", "WPS 表格" / "WPS Spreadsheets"). */
export interface HostName {
  "zh-CN": string;
  "en-US": string;
}

export const EXCEL: HostName = { "zh-CN": "Excel", "en-US": "Excel" };

export function protectedSheetError(sheet: string): LocalizedHostError {
  return new LocalizedHostError(
    "SheetProtected",
    {
      "zh-CN": `工作表“${sheet}”受保护，未写入任何内容。请在“审阅 → 撤销工作表保护”后重试。`,
      "en-US": `Sheet "${sheet}" is protected; nothing was written. Unprotect it (Review → Unprotect Sheet) and try again.`,
    },
    sheet,
  );
}

/** A write failed and every cell, format and mark was put back. */
export function writeFailedError(host: HostName, detail: string, original: unknown): LocalizedHostError {
  return new LocalizedHostError(
    "SyncFailed",
    {
      "zh-CN": `写入评分结果时 ${host["zh-CN"]} 报错（${detail}）。所有单元格、格式和标记均已恢复原状，工作簿未被更改。请关闭正在编辑的单元格、保存工作簿后重试。`,
      "en-US": `${host["en-US"]} failed while writing the results (${detail}). Every cell, format and mark was put back; the workbook is unchanged. Finish editing any cell, save the workbook and try again.`,
    },
    undefined,
    undefined,
    original,
  );
}

/** A write failed and putting the cells back failed too. */
export function restoreFailedError(
  host: HostName,
  cause: string,
  again: string,
  original: unknown,
): LocalizedHostError {
  return new LocalizedHostError(
    "SyncFailed",
    {
      "zh-CN": `写入评分结果时 ${host["zh-CN"]} 报错（${cause}），随后恢复原状也失败（${again}）。部分单元格可能已被改写：请使用“撤销上次评分”或 ${host["zh-CN"]} 的撤销（Ctrl+Z），然后重试。`,
      "en-US": `${host["en-US"]} failed while writing the results (${cause}) and putting them back failed too (${again}). Some cells may have changed: use "Undo last run" or ${host["en-US"]}'s Undo (Ctrl+Z), then try again.`,
    },
    undefined,
    undefined,
    original,
  );
}

/** A sheet the plan or the ledger names is not in the workbook. */
export function missingSheetError(sheet: string): LocalizedHostError {
  return new LocalizedHostError(
    "NotFound",
    {
      "zh-CN": `找不到工作表“${sheet}”，未写入任何内容。它可能已被重命名或删除，请重新评分。`,
      "en-US": `Sheet "${sheet}" was not found; nothing was written. It may have been renamed or deleted; score again.`,
    },
    sheet,
  );
}
