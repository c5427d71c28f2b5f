/**
 * Which host the task pane runs in, decided once at boot from the page's globals, and the one
 * WorkbookHost over it. WPS first: inside WPS 表格 a JS add-in's pages carry the `Application` / `wps`
 * globals (the ET object model, et-jsapi-declare's WPSMergedRoot); office.js may still have loaded there
 * from the network, but WPS does not run Office.js add-ins, so its `Office` never reports Excel. Then
 * Office: wait for Office.onReady (bounded) and take Excel. The pane calls this (through boot.tsx) and
 * never touches a host API itself.
 */
import type { WorkbookHost } from "./port";
import { createOfficeHost } from "./office/host";
import type { EtApplication } from "./wps/et";
import { createWpsHost } from "./wps/host";

type HostKind = "wps" | "office";

type HostConnection =
  | { kind: "ready"; host: WorkbookHost; hostKind: HostKind; displayLanguage: string | undefined }
  /** office.js is there but the page is not in Excel (or Office never answered). */
  | { kind: "noExcel"; displayLanguage: string | undefined }
  /** Neither WPS's globals nor office.js. */
  | { kind: "noOffice"; displayLanguage: string | undefined };

/** How long to wait for Office.onReady before saying the pane is not in Excel. */
const READY_TIMEOUT_MS = 15000;

/** A host object's member, or undefined when its accessor throws (host objects may, before a document
 *  is ready). */
function member(owner: unknown, key: string): unknown {
  if ((typeof owner !== "object" || owner === null) && typeof owner !== "function") return undefined;
  try {
    return Reflect.get(owner, key);
  } catch {
    return undefined;
  }
}

function hasMember(owner: unknown, key: string): boolean {
  if ((typeof owner !== "object" || owner === null) && typeof owner !== "function") return false;
  try {
    return key in owner;
  } catch {
    return false;
  }
}

/** An object with the ET Application's surface the adapter uses (so an unrelated global named
 *  `Application` does not select WPS). */
function looksLikeEt(value: unknown): value is EtApplication {
  return (
    hasMember(value, "ActiveWorkbook") && (hasMember(value, "Worksheets") || hasMember(value, "ActiveSheet"))
  );
}

/**
 * The ET Application of WPS 表格 when the page runs inside a WPS JS add-in, else null: the global
 * `Application` (recommended by Kingsoft), else `wps` itself, else the deprecated `wps.EtApplication`
 * (a property in the typings, a function in older templates).
 */
export function findWpsApplication(scope: object = globalThis): EtApplication | null {
  const app = member(scope, "Application");
  if (looksLikeEt(app)) return app;
  const wps = member(scope, "wps");
  if (looksLikeEt(wps)) return wps;
  let et = member(wps, "EtApplication");
  if (typeof et === "function") {
    try {
      et = (et as () => unknown).call(wps);
    } catch {
      et = undefined;
    }
  }
  return looksLikeEt(et) ? et : null;
}

/** The host the page runs in, by its globals: "wps", "office" (office.js loaded; Excel or not is known
 *  only after Office.onReady), or null. */
export function detectHostKind(scope: object = globalThis): HostKind | null {
  if (findWpsApplication(scope)) return "wps";
  const office = member(scope, "Office");
  return typeof member(office, "onReady") === "function" ? "office" : null;
}

function browserLanguage(scope: object): string | undefined {
  const language = member(member(scope, "navigator"), "language");
  return typeof language === "string" ? language : undefined;
}

/** Connect to the page's host: the WPS adapter inside WPS, the Office.js adapter inside Excel. */
export async function connectHost(
  scope: object = globalThis,
  options: { readyTimeoutMs?: number } = {},
): Promise<HostConnection> {
  const wps = findWpsApplication(scope);
  if (wps)
    return {
      kind: "ready",
      host: createWpsHost(wps),
      hostKind: "wps",
      displayLanguage: browserLanguage(scope),
    };

  const office = member(scope, "Office") as typeof Office | undefined;
  if (!office || typeof office.onReady !== "function")
    return { kind: "noOffice", displayLanguage: browserLanguage(scope) };
  const timeout = options.readyTimeoutMs ?? READY_TIMEOUT_MS;
  const info = await Promise.race([
    office.onReady(),
    new Promise<null>((resolve) => setTimeout(() => resolve(null), timeout)),
  ]);
  const displayLanguage = office.context?.displayLanguage ?? browserLanguage(scope);
  const excel = member(scope, "Excel") as typeof Excel | undefined;
  if (!info || info.host !== office.HostType.Excel || !excel) return { kind: "noExcel", displayLanguage };
  const host = createOfficeHost(excel, {
    isSetSupported: (set, version) => office.context.requirements.isSetSupported(set, version),
    platform: info.platform ? String(info.platform) : null,
  });
  return { kind: "ready", host, hostKind: "office", displayLanguage };
}
