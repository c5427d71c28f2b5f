/**
 * Errors of the Office.js adapter: the translation of Excel's RichApi errors (AccessDenied, ItemNotFound,
 * payload limits …) into the shared LocalizedHostError (../errors).
 */
import { HostError } from "../port";
import { LocalizedHostError, type Messages } from "../errors";

/** The fields of an OfficeExtension.Error we use. */
interface RichApiErrorLike {
  code: string;
  message: string;
  debugInfo?: { code?: string; message?: string; errorLocation?: string };
}

function isRichApiError(error: unknown): error is RichApiErrorLike {
  return (
    typeof error === "object" &&
    error !== null &&
    typeof (error as { code?: unknown }).code === "string" &&
    typeof (error as { message?: unknown }).message === "string"
  );
}

export function errorCode(error: unknown): string | null {
  return isRichApiError(error) ? error.code : null;
}

export function errorText(error: unknown): string {
  if (isRichApiError(error)) {
    const where = error.debugInfo?.errorLocation ? ` (${error.debugInfo.errorLocation})` : "";
    return `${error.code}: ${error.message}${where}`;
  }
  if (error instanceof Error) return error.message;
  return String(error);
}

/** Translate what Excel threw while doing `what` (e.g. 读取工作簿 / reading the workbook). */
export function fromExcelError(error: unknown, what: Messages, restored = false): HostError {
  if (error instanceof HostError) return error;
  const code = errorCode(error);
  const detail = errorText(error);
  const tail: Messages = restored
    ? {
        "zh-CN": "已恢复原状，工作簿未被更改。",
        "en-US": "Everything was restored; the workbook is unchanged.",
      }
    : { "zh-CN": "", "en-US": "" };
  if (code === "AccessDenied")
    return new LocalizedHostError(
      "SheetProtected",
      {
        "zh-CN": `${what["zh-CN"]}失败：工作表受保护或工作簿为只读（${detail}）。${tail["zh-CN"]}请在“审阅 → 撤销工作表保护”后重试。`,
        "en-US": `${what["en-US"]} failed: a sheet is protected or the workbook is read-only (${detail}). ${tail["en-US"]} Unprotect it (Review → Unprotect Sheet) and try again.`,
      },
      undefined,
      undefined,
      error,
    );
  if (code === "ItemNotFound")
    return new LocalizedHostError(
      "NotFound",
      {
        "zh-CN": `${what["zh-CN"]}失败：找不到工作表或单元格（${detail}）。它可能已被重命名或删除，请重新评分。`,
        "en-US": `${what["en-US"]} failed: a sheet or cell was not found (${detail}). It may have been renamed or deleted; score again.`,
      },
      undefined,
      undefined,
      error,
    );
  if (code === "RequestPayloadSizeLimitExceeded" || code === "ResponsePayloadSizeLimitExceeded")
    return new LocalizedHostError(
      "TooLarge",
      {
        "zh-CN": `${what["zh-CN"]}失败：数据量超过 Excel 单次传输上限（${detail}）。${tail["zh-CN"]}请删除多余的空行空列后重试。`,
        "en-US": `${what["en-US"]} failed: more data than Excel accepts in one request (${detail}). ${tail["en-US"]} Delete unused rows and columns and try again.`,
      },
      undefined,
      undefined,
      error,
    );
  return new LocalizedHostError(
    "SyncFailed",
    {
      "zh-CN": `${what["zh-CN"]}失败（${detail}）。${tail["zh-CN"]}请关闭正在编辑的单元格后重试。`,
      "en-US": `${what["en-US"]} failed (${detail}). ${tail["en-US"]} Finish editing any cell and try again.`,
    },
    undefined,
    undefined,
    error,
  );
}
