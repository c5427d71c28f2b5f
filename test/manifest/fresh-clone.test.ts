// A fresh clone passes on its own: the repository's files (what git tracks, plus new files not ignored),
// copied into a temp folder that holds nothing else, validate their manifest against the schemas the copy
// carries, and no file of the project reads anything beside the repository.
import { spawnSync } from "node:child_process";
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import os from "node:os";
import path from "node:path";

const repo = path.resolve(__dirname, "../..");
let parent = "";
let copy = "";

/** The project's files as a clone would have them (tracked, or new and not ignored). */
function projectFiles(): string[] {
  const listed = spawnSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], {
    cwd: repo,
    encoding: "utf8",
  });
  if (listed.status !== 0) throw new Error(`git ls-files failed: ${listed.stderr}`);
  return listed.stdout.split("\0").filter((f) => f.length > 0);
}

beforeAll(() => {
  parent = mkdtempSync(path.join(os.tmpdir(), "perf-eval-clone-"));
  copy = path.join(parent, "repo");
  for (const file of projectFiles()) {
    mkdirSync(path.dirname(path.join(copy, file)), { recursive: true });
    cpSync(path.join(repo, file), path.join(copy, file));
  }
  // The installed packages, inside the copy (as `npm ci` would put them): nothing beside it.
  symlinkSync(path.join(repo, "node_modules"), path.join(copy, "node_modules"), "dir");
});

afterAll(() => {
  if (parent) rmSync(parent, { recursive: true, force: true });
});

const validate = () =>
  spawnSync(
    process.execPath,
    [
      path.join(copy, "node_modules", "tsx", "dist", "cli.mjs"),
      "scripts/validate-manifest.ts",
      "manifest.xml",
    ],
    { cwd: copy, encoding: "utf8", timeout: 60_000, env: { PATH: process.env.PATH ?? "" } },
  );

describe("a copy of the repository with nothing beside it", () => {
  test("the copy's folder holds only the copy", () => {
    expect(readdirSync(parent)).toEqual(["repo"]);
    expect(readdirSync(path.join(copy, "schemas"))).toContain("OfficeAppManifestV1_1.xsd");
  });

  test("npm run validate passes there, XSD included", () => {
    const result = validate();
    expect(result.stderr).toBe("");
    expect(result.stdout.trim()).toBe("manifest.xml: OK (XSD and project checks)");
    expect(result.status).toBe(0);
  });

  test("the XSD step there really uses the copy's schemas (a misordered manifest fails)", () => {
    const file = path.join(copy, "manifest.xml");
    const original = readFileSync(file, "utf8");
    const broken = original.replace(
      /(<Version>[^<]*<\/Version>)\s*(<ProviderName>[^<]*<\/ProviderName>)/,
      "$2\n  $1",
    );
    expect(broken).not.toBe(original);
    writeFileSync(file, broken);
    try {
      const result = validate();
      expect(result.status).toBe(1);
      expect(result.stderr).toMatch(/XSD: manifest\.xml:\d+: .*ProviderName/);
      // and without its schemas the copy says so instead of passing
      rmSync(path.join(copy, "schemas"), { recursive: true });
      writeFileSync(file, original);
      const bare = validate();
      expect(bare.status).toBe(1);
      expect(bare.stderr).toContain("XSD: no OfficeAppManifestV1_1.xsd in");
    } finally {
      writeFileSync(file, original);
      cpSync(path.join(repo, "schemas"), path.join(copy, "schemas"), { recursive: true });
    }
  });

  test("no project file names a folder beside the repository", () => {
    // Built from parts so that this file does not name it itself.
    const outside = new RegExp(["\\.\\./", "shared\\b|/work/", "shared\\b"].join(""));
    const offenders = projectFiles().filter((file) => {
      if (/\.(png|xlsx|ico)$/.test(file)) return false;
      return outside.test(readFileSync(path.join(repo, file), "utf8"));
    });
    expect(offenders).toEqual([]);
  });
});
