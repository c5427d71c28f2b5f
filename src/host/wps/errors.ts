/**
 * Errors of the WPS adapter: what ET throws (synchronous exceptions, often a bare string or an Error
 * with a COM message) translated into the shared LocalizedHostError (../errors).
 */
import { HostError } from "../port";
import { LocalizedHostError, missingSheetError, type HostName, type Messages } from "../errors";
import { EtMissingSheet } from "./et";

export const WPS: HostName = { "zh-CN": "WPS 表格", "en-US": "WPS Spreadsheets" };

export function errorText(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === "object" && error !== null && "message" in error)
    return String((error as { message: unknown }).message);
  return String(error);
}

/** Translate what ET threw while doing `what` (e.g. 读取工作簿 / reading the workbook). */
export function fromEtError(error: unknown, what: Messages): HostError {
  if (error instanceof HostError) return error;
  if (error instanceof EtMissingSheet) return missingSheetError(error.sheet);
  const detail = errorText(error);
  return new LocalizedHostError(
    "SyncFailed",
    {
      "zh-CN": `${what["zh-CN"]}失败（${WPS["zh-CN"]}：${detail}）。请退出正在编辑的单元格后重试。`,
      "en-US": `${what["en-US"]} failed (${WPS["en-US"]}: ${detail}). Finish editing any cell and try again.`,
    },
    undefined,
    undefined,
    error,
  );
}

/** Neither a WPS workbook nor Excel: the pane was opened with no workbook. */
export function noWorkbookError(): LocalizedHostError {
  return new LocalizedHostError("NoExcel", {
    "zh-CN": "WPS 表格中没有打开的工作簿。请先打开要评分的工作簿。",
    "en-US": "No workbook is open in WPS Spreadsheets. Open the workbook to score first.",
  });
}
