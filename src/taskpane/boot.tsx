/**
 * Booting the pane: connect to the page's host (src/host/connect: WPS 表格 by its globals, else Excel
 * through Office.onReady), bind the use-cases to the one WorkbookHost and mount the pane; outside both,
 * or when office.js did not load, mount a clear message instead. No host API is called here.
 */
import * as React from "react";
import { createRoot, type Root } from "react-dom/client";
import { connectHost } from "../host/connect";
import { languageFor } from "../i18n";
import { App, type AppStatus } from "./App";
import { servicesFor } from "./services";

export async function resolveStatus(): Promise<{ status: AppStatus; displayLanguage: string | undefined }> {
  const connection = await connectHost();
  const { displayLanguage } = connection;
  if (connection.kind !== "ready") return { status: { kind: connection.kind }, displayLanguage };
  return { status: { kind: "ready", services: servicesFor(connection.host) }, displayLanguage };
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
