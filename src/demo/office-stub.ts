/**
 * A stand-in for office.js (served in its place by the browser tests and the bench): loads the sample
 * workbook (dist/gaozhuang-2023.json, made from the .xlsx at build time — no ExcelJS on this path) or
 * ?workbook=… (.json, or an .xlsx through the ExcelJS chunk loaded on demand) into the in-memory Excel
 * and installs it as window.Excel / window.Office (installOfficeGlobals). Until the workbook is loaded,
 * Office.onReady waits. The page's display language comes from ?lang= (default zh-CN). The workbook is
 * exposed as window.perfEvalWorkbook.
 */
import { installOfficeGlobals } from "../host/memory";
import { demoWindow, fetchWorkbook, SAMPLE_JSON } from "./globals";

/** webpack's free variable for the base URL of chunks. */
declare let __webpack_public_path__: string;

// This script is served from Office's CDN URL, so webpack's automatic public path would point chunks
// (the ExcelJS loader) there; they live next to the page.
// eslint-disable-next-line prefer-const -- an assignment webpack compiles into its runtime, not a variable
__webpack_public_path__ = new URL("./", window.location.href).href;

const params = new URLSearchParams(window.location.search);
const displayLanguage = params.get("lang") ?? "zh-CN";
const target = demoWindow();

type ReadyInfo = { host: string | null; platform: string | null };

const ready: Promise<boolean> = fetchWorkbook(params.get("workbook") ?? SAMPLE_JSON).then(
  (workbook) => {
    installOfficeGlobals(target, workbook, { displayLanguage });
    target.perfEvalWorkbook = workbook;
    return true;
  },
  (error: unknown) => {
    console.error("office-stub: could not load the workbook:", error);
    return false;
  },
);

/** Placeholder Office until the workbook is in memory; then the in-memory Excel's own Office answers. */
target.Office = {
  HostType: { Excel: "Excel" },
  context: { displayLanguage },
  onReady(callback?: (info: ReadyInfo) => void): Promise<ReadyInfo> {
    return ready.then((ok) => {
      const office = target.Office as { onReady(cb?: (info: ReadyInfo) => void): Promise<ReadyInfo> };
      if (ok) return office.onReady(callback);
      const info = { host: null, platform: null };
      callback?.(info);
      return info;
    });
  },
};
