/**
 * `npm run build:wps` (scripts/build-wps.ts) on a built task pane: the add-in folder WPS installs
 * (<name>_<version>) with the ribbon shim and the pane; ribbon.xml well-formed and every callback it names
 * defined by main.js (run in a VM with a fake WPS root: the button creates the task pane at taskpane.html
 * beside it, docked right, then hides and shows it); the pane page without office.js; the registrations.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as vm from "node:vm";
import { DOMParser } from "@xmldom/xmldom";
import { WPS_ADDIN_NAME, buildWpsPackage, wpsTaskpaneHtml } from "../../scripts/build-wps";

const ROOT = path.resolve(__dirname, "..", "..");
const VERSION = (JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { version: string })
  .version;

let tmp: string;
let built: ReturnType<typeof buildWpsPackage>;

/** A dist/ as `npm run build` leaves it, as far as the WPS package uses it. */
function fakeDist(dir: string): void {
  fs.mkdirSync(dir, { recursive: true });
  const page = fs
    .readFileSync(path.join(ROOT, "src/taskpane/taskpane.html"), "utf8")
    .replace("</head>", '<script defer="defer" src="taskpane.js"></script></head>');
  fs.writeFileSync(path.join(dir, "taskpane.html"), page);
  fs.writeFileSync(path.join(dir, "taskpane.js"), "/* the pane */");
  fs.writeFileSync(path.join(dir, "pane-report-docx.js"), "/* a chunk */");
  fs.writeFileSync(path.join(dir, "demo.js"), "/* not for WPS */");
  fs.writeFileSync(path.join(dir, "office-stub.js"), "/* not for WPS */");
}

/** Parse XML, failing on any error or warning the parser reports. */
function parseXml(text: string, file: string): Document {
  const problems: string[] = [];
  const doc = new DOMParser({
    onError: (level: string, message: string) => problems.push(`${level}: ${message}`),
  }).parseFromString(text, "text/xml") as unknown as Document;
  if (problems.length) throw new Error(`${file}: ${problems.join("; ")}`);
  return doc;
}

function elements(doc: Document): Element[] {
  const out: Element[] = [];
  const walk = (node: Node) => {
    for (let c = node.firstChild; c; c = c.nextSibling)
      if (c.nodeType === 1) {
        out.push(c as Element);
        walk(c);
      }
  };
  walk(doc);
  return out;
}

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "wps-package-"));
  fakeDist(path.join(tmp, "dist"));
  built = buildWpsPackage({ dist: path.join(tmp, "dist"), out: path.join(tmp, "dist-wps") });
});

afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe("build:wps", () => {
  it("writes the add-in folder <name>_<version> with the shim, the pane and its icons, and the registrations", () => {
    const folder = `${WPS_ADDIN_NAME}_${VERSION}`;
    expect(path.basename(built.folder)).toBe(folder);
    expect(built.files).toEqual(
      expect.arrayContaining([
        `${folder}/index.html`,
        `${folder}/main.js`,
        `${folder}/ribbon.xml`,
        `${folder}/taskpane.html`,
        `${folder}/taskpane.js`,
        `${folder}/pane-report-docx.js`,
        `${folder}/assets/icon-32.png`,
        "jsplugins.xml",
        "publish.xml",
      ]),
    );
    // The demo and the office.js stand-in are not part of the add-in.
    expect(built.files.some((f) => f.endsWith("demo.js") || f.endsWith("office-stub.js"))).toBe(false);
    expect(fs.readFileSync(path.join(built.folder, "index.html"), "utf8")).toMatch(
      /<script[^>]*src="main\.js"/,
    );
  });

  it("ribbon.xml is well-formed customUI and every callback it names is a function of main.js", () => {
    const ribbon = parseXml(fs.readFileSync(path.join(built.folder, "ribbon.xml"), "utf8"), "ribbon.xml");
    expect(ribbon.documentElement.localName).toBe("customUI");
    const callbacks = new Set<string>();
    for (const el of elements(ribbon))
      for (const attr of ["onLoad", "onAction", "getImage", "getLabel", "getEnabled", "getVisible"]) {
        const v = el.getAttribute(attr);
        if (v) callbacks.add(v);
      }
    expect([...callbacks].sort()).toEqual(["GetImage", "OnAction", "OnAddinLoad"]);
    const button = elements(ribbon).find((e) => e.localName === "button")!;
    expect(button.getAttribute("label")).toBe("绩效评价助手");

    const { context } = runMain();
    for (const name of callbacks) expect(typeof context[name]).toBe("function");
    // The icon GetImage answers is in the folder.
    const image = (context.GetImage as (c: unknown) => string)({ Id: button.getAttribute("id") });
    expect(fs.existsSync(path.join(built.folder, image))).toBe(true);
  });

  it("the button opens the task pane at taskpane.html beside main.js (docked right), then hides and shows it", () => {
    const { context, root, created } = runMain();
    const ribbonUI = { Invalidate: () => undefined };
    expect((context.OnAddinLoad as (r: unknown) => boolean)(ribbonUI)).toBe(true);
    expect(root.ribbonUI).toBe(ribbonUI);
    const click = () => (context.OnAction as (c: unknown) => boolean)({ Id: "btnPerfEvalPane" });
    expect(click()).toBe(true);
    expect(created).toHaveLength(1);
    expect(created[0].url).toBe(`http://127.0.0.1:3889/${WPS_ADDIN_NAME}_${VERSION}/taskpane.html`);
    expect(created[0].title).toBe("绩效评价助手");
    expect(created[0].pane).toMatchObject({ Visible: true, DockPosition: 2 });
    click();
    expect(created[0].pane.Visible).toBe(false);
    click();
    expect(created[0].pane.Visible).toBe(true);
    expect(created).toHaveLength(1);
    // Another control's id does nothing.
    (context.OnAction as (c: unknown) => boolean)({ Id: "other" });
    expect(created).toHaveLength(1);
  });

  it("the pane page has no office.js (script nor CSP) and keeps its own script", () => {
    const html = fs.readFileSync(path.join(built.folder, "taskpane.html"), "utf8");
    expect(html).not.toContain("appsforoffice");
    expect(html).toContain('src="taskpane.js"');
    expect(html).toContain("script-src 'self';");
    expect(() =>
      wpsTaskpaneHtml('<script src="https://appsforoffice.microsoft.com/x.js" async></script>'),
    ).not.toThrow();
    expect(() => wpsTaskpaneHtml('<link href="https://appsforoffice.microsoft.com/x.css">')).toThrow(
      /appsforoffice/,
    );
  });

  it("jsplugins.xml and publish.xml register the add-in for 表格 (type et) under its name and version", () => {
    const offline = parseXml(fs.readFileSync(path.join(built.out, "jsplugins.xml"), "utf8"), "jsplugins.xml");
    const entry = elements(offline).find((e) => e.localName === "jsplugin")!;
    expect(entry.getAttribute("name")).toBe(WPS_ADDIN_NAME);
    expect(entry.getAttribute("type")).toBe("et");
    expect(entry.getAttribute("version")).toBe(VERSION);
    const online = parseXml(fs.readFileSync(path.join(built.out, "publish.xml"), "utf8"), "publish.xml");
    const live = elements(online).find((e) => e.localName === "jspluginonline")!;
    expect(live.getAttribute("type")).toBe("et");
    expect(live.getAttribute("url")).toBe(built.url);
    expect(built.url.endsWith(`/${WPS_ADDIN_NAME}_${VERSION}/`)).toBe(true);
  });

  it("refuses, naming the file, when the pane was not built", () => {
    expect(() => buildWpsPackage({ dist: path.join(tmp, "nothing"), out: path.join(tmp, "x") })).toThrow(
      /taskpane\.html is missing: run `npm run build` first/,
    );
  });
});

interface FakePane {
  ID: number;
  Visible: boolean;
  DockPosition: number;
}

/** main.js in a VM whose global is a WPS add-in root spelling CreateTaskpane the old way. */
function runMain() {
  const storage = new Map<string, unknown>();
  const created: { url: string; title: string; pane: FakePane }[] = [];
  const root: Record<string, unknown> = {
    PluginStorage: {
      getItem: (k: string) => (storage.has(k) ? storage.get(k) : null),
      setItem: (k: string, v: unknown) => storage.set(k, v),
    },
    CreateTaskpane(url: string, title: string): FakePane {
      const pane = { ID: 40 + created.length, Visible: false, DockPosition: 0 };
      created.push({ url, title, pane });
      return pane;
    },
    GetTaskPane(id: number): FakePane | undefined {
      return created.find((c) => c.pane.ID === id)?.pane;
    },
  };
  const context: Record<string, unknown> = {
    Application: root,
    location: { href: `http://127.0.0.1:3889/${WPS_ADDIN_NAME}_${VERSION}/index.html?x=1` },
    alert: (text: string) => {
      throw new Error(`alert: ${text}`);
    },
  };
  context.window = context;
  vm.createContext(context);
  vm.runInContext(fs.readFileSync(path.join(built.folder, "main.js"), "utf8"), context);
  return { context, root, created };
}
