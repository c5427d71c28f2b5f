/**
 * Booting the pane: wait for Office, create the one WorkbookHost (createOfficeHost over the global
 * Excel) and mount the pane; outside Excel, or when office.js did not load, mount a clear message
 * instead. The only pane code that touches the Office/Excel globals (used by index.tsx and the demo).
 */
import * as React from "react";
import { createRoot, type Root } from "react-dom/client";
import { createOfficeHost } from "../host/office/host";
import { languageFor } from "../i18n";
import { App, type AppStatus } from "./App";
import { servicesFor } from "./services";

/** How long to wait for Office.onReady before saying the pane is not in Excel. */
const READY_TIMEOUT_MS = 15000;

export async function resolveStatus(): Promise<{ status: AppStatus; displayLanguage: string | undefined }> {
  if (typeof Office === "undefined" || typeof Office.onReady !== "function") {
    return {
      status: { kind: "noOffice" },
      displayLanguage: typeof navigator !== "undefined" ? navigator.language : undefined,
    };
  }
  const info = await Promise.race([
    Office.onReady(),
    new Promise<null>((resolve) => setTimeout(() => resolve(null), READY_TIMEOUT_MS)),
  ]);
  const displayLanguage =
    Office.context?.displayLanguage ?? (typeof navigator !== "undefined" ? navigator.language : undefined);
  if (!info || info.host !== Office.HostType.Excel || typeof Excel === "undefined") {
    return { status: { kind: "noExcel" }, displayLanguage };
  }
  const host = createOfficeHost(Excel, {
    isSetSupported: (set, version) => Office.context.requirements.isSetSupported(set, version),
    platform: info.platform ? String(info.platform) : null,
  });
  return { status: { kind: "ready", services: servicesFor(host) }, displayLanguage };
}

/** Mount the pane into `container` (the task pane page, or the demo's pane column). */
export async function mountPane(container: HTMLElement, onWorkbookChanged?: () => void): Promise<Root> {
  const root = createRoot(container);
  const guess = languageFor(typeof navigator !== "undefined" ? navigator.language : undefined);
  root.render(<App status={{ kind: "loading" }} initialLang={guess} />);
  const { status, displayLanguage } = await resolveStatus();
  root.render(
    <App
      key="ready"
      status={status}
      initialLang={languageFor(displayLanguage)}
      onWorkbookChanged={onWorkbookChanged}
    />,
  );
  return root;
}
