/**
 * Bundled for the page by test/browser/wps.test.ts (esbuild, IIFE) and run before the pane's scripts: the
 * typed ET fake (test/host/wps-fake.ts) holding a workbook given as the in-memory Excel's JSON, installed
 * as WPS installs its globals in a JS add-in's pages (`Application` and `wps`), and kept as
 * window.perfEvalFake for the test to read the cells and count the calls.
 */
import { memoryWorkbookFromJSON } from "../../src/host/memory/json";
import { FakeApplication, FakeWorkbook } from "../host/wps-fake";

const target = window as unknown as Record<string, unknown>;

target.installWpsFake = (json: unknown): void => {
  const fake = FakeWorkbook.fromMemory(memoryWorkbookFromJSON(json));
  const app = new FakeApplication(fake);
  target.Application = app;
  target.wps = app;
  target.perfEvalFake = fake;
};
