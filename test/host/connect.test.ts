/**
 * Host detection at boot (src/host/connect): WPS 表格 by its globals (Application, wps, the deprecated
 * wps.EtApplication as property or function) before Office; an unrelated `Application` global is not
 * WPS; Office reporting Excel gives the Office.js adapter, anything else a message.
 */
import { connectHost, detectHostKind, findWpsApplication } from "../../src/host/connect";
import { FakeApplication, FakeWorkbook } from "./wps-fake";

function fakeApp(): FakeApplication {
  const book = new FakeWorkbook();
  book.addSheet("预算执行").set("A1", "资金来源");
  return new FakeApplication(book);
}

function office(host: string | null) {
  return {
    onReady: () => Promise.resolve({ host, platform: host ? "PC" : null }),
    HostType: { Excel: "Excel" },
    context: { displayLanguage: "en-US", requirements: { isSetSupported: () => true } },
  };
}

const excel = { run: () => Promise.reject(new Error("not used")) };

describe("findWpsApplication", () => {
  it("takes the global Application, else wps, else wps.EtApplication (property or function)", () => {
    const app = fakeApp();
    expect(findWpsApplication({ Application: app })).toBe(app);
    expect(findWpsApplication({ wps: app })).toBe(app);
    expect(findWpsApplication({ wps: { PluginStorage: {}, EtApplication: app } })).toBe(app);
    expect(findWpsApplication({ wps: { EtApplication: () => app } })).toBe(app);
  });

  it("ignores globals that are not ET: an unrelated Application, a throwing EtApplication, nothing", () => {
    expect(findWpsApplication({ Application: { name: "my app", ActiveWorkbook: 1 } })).toBeNull();
    expect(findWpsApplication({ Application: "x", wps: 3 })).toBeNull();
    const throwing = {
      EtApplication() {
        throw new Error("not ready");
      },
    };
    expect(findWpsApplication({ wps: throwing })).toBeNull();
    expect(findWpsApplication({})).toBeNull();
  });

  it("does not read ActiveWorkbook to decide (its accessor may throw before a document is open)", () => {
    const app = {
      get ActiveWorkbook(): never {
        throw new Error("no document yet");
      },
      Worksheets: null,
    };
    expect(findWpsApplication({ Application: app })).toBe(app);
  });
});

describe("detectHostKind / connectHost", () => {
  it("prefers WPS when both WPS's globals and office.js are present", async () => {
    const scope = { Application: fakeApp(), Office: office(null), navigator: { language: "zh-CN" } };
    expect(detectHostKind(scope)).toBe("wps");
    const connection = await connectHost(scope);
    expect(connection).toMatchObject({ kind: "ready", hostKind: "wps", displayLanguage: "zh-CN" });
    if (connection.kind !== "ready") throw new Error("not ready");
    const snapshot = await connection.host.readSnapshot();
    expect(snapshot.sheets.map((s) => s.name)).toEqual(["预算执行"]);
    expect(snapshot.sheets[0].values[0][0]).toBe("资金来源");
  });

  it("takes the Office.js adapter when Office reports Excel", async () => {
    const scope = { Office: office("Excel"), Excel: excel };
    expect(detectHostKind(scope)).toBe("office");
    expect(await connectHost(scope)).toMatchObject({
      kind: "ready",
      hostKind: "office",
      displayLanguage: "en-US",
    });
  });

  it("says noExcel when Office answers another host, no Excel global, or never answers", async () => {
    expect((await connectHost({ Office: office("Word"), Excel: excel })).kind).toBe("noExcel");
    expect((await connectHost({ Office: office("Excel") })).kind).toBe("noExcel");
    const silent = { ...office("Excel"), onReady: () => new Promise(() => undefined) };
    expect((await connectHost({ Office: silent, Excel: excel }, { readyTimeoutMs: 20 })).kind).toBe(
      "noExcel",
    );
  });

  it("says noOffice with neither WPS nor office.js", async () => {
    expect(detectHostKind({ navigator: { language: "en-US" } })).toBeNull();
    expect(await connectHost({ navigator: { language: "en-US" } })).toEqual({
      kind: "noOffice",
      displayLanguage: "en-US",
    });
  });
});
