/**
 * `npm ci` must print nothing a newcomer has to wonder about. npm warns EBADENGINE for every installed
 * package whose `engines.node` excludes the running Node; this test reads the lock file and checks each
 * package against the oldest Node that `package.json` accepts and against the Node running the tests,
 * so a dependency bump that needs a newer Node fails here rather than as a warning on someone's screen.
 * (docx 9 pulls nanoid 6, which wants Node 22: package.json's `overrides` pins nanoid 5, same API.)
 */
import { readFileSync } from "node:fs";
import path from "node:path";

interface Semver {
  satisfies(version: string, range: string): boolean;
  minVersion(range: string): { version: string } | null;
}
// semver is npm's own range logic (present through many dependencies); no types are installed for it.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const semver = require("semver") as Semver;

const root = path.resolve(__dirname, "../..");
const pkg = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as {
  engines: { node: string };
};
const lock = JSON.parse(readFileSync(path.join(root, "package-lock.json"), "utf8")) as {
  packages: Record<string, { engines?: { node?: string } | string[] }>;
};

type Packages = typeof lock.packages;

function unsupported(version: string, packages: Packages = lock.packages): string[] {
  const out: string[] = [];
  for (const [where, entry] of Object.entries(packages)) {
    const engines = entry.engines;
    const range = engines && !Array.isArray(engines) ? engines.node : undefined;
    if (!where || !range) continue;
    if (!semver.satisfies(version, range)) out.push(`${where} wants node ${range}`);
  }
  return out;
}

describe("every locked package runs on the Node versions package.json accepts", () => {
  const floor = semver.minVersion(pkg.engines.node)?.version ?? "";

  test("the floor is a real version", () => {
    expect(floor).toMatch(/^\d+\.\d+\.\d+$/);
  });

  test(`the oldest accepted Node (${floor}) satisfies every package's engines`, () => {
    expect(unsupported(floor)).toEqual([]);
  });

  test(`the running Node (${process.version}) satisfies every package's engines`, () => {
    expect(unsupported(process.version)).toEqual([]);
  });

  test("the check itself catches a package that wants a newer Node (nanoid 6, as docx asks for)", () => {
    const packages: Packages = {
      "": { engines: { node: ">=20.19" } },
      "node_modules/docx/node_modules/nanoid": { engines: { node: "^22 || ^24 || >=26" } },
      "node_modules/old": { engines: ["node >= 0.4"] },
    };
    expect(unsupported("20.19.0", packages)).toEqual([
      "node_modules/docx/node_modules/nanoid wants node ^22 || ^24 || >=26",
    ]);
  });
});
