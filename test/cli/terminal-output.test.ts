/** What `perf-eval score` prints never holds a control character: cell text and a sheet name with
 *  8-bit escape sequences (legal characters in a part's XML: CSI U+009B, OSC U+009D … U+009C) and a
 *  bidirectional override reach the summary's findings, and a file name with ESC sequences reaches an
 *  error message; what is printed is their text without them. */
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import JSZip from "jszip";
import { main, type Io } from "../../src/cli/main";

jest.setTimeout(60_000);

const SAMPLE = path.join(__dirname, "..", "..", "examples", "gaozhuang-2023.xlsx");
// eslint-disable-next-line no-control-regex
const CONTROL = /[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/;

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "terminal-output-"));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

async function run(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const io: Io = { stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s) };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

describe("terminal output", () => {
  it("prints a workbook's cell text and sheet names without their escape sequences", async () => {
    const zip = await JSZip.loadAsync(await fs.readFile(SAMPLE));
    const strings = await zip.file("xl/sharedStrings.xml")!.async("string");
    expect(strings).toContain("纪检工作办案经费");
    zip.file(
      "xl/sharedStrings.xml",
      strings.replace("纪检工作办案经费", "纪检\u009b2J工作\u009d0;已被接管\u009c办案\u202e经费"),
    );
    const workbook = await zip.file("xl/workbook.xml")!.async("string");
    expect(workbook).toContain('name="管理情况"');
    zip.file("xl/workbook.xml", workbook.replace('name="管理情况"', 'name="管理\u009b31m情况"'));
    const input = path.join(dir, "escapes.xlsx");
    await fs.writeFile(input, await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }));

    const r = await run("score", input);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("纪检工作办案经费");
    expect(r.stdout).toContain("管理情况!B4");
    expect(r.stdout).not.toMatch(CONTROL);
    expect(r.stderr).not.toMatch(CONTROL);
  });

  it("prints an error about a file named with ESC sequences without them", async () => {
    const name = path.join(dir, "a\x1b]0;pwned\x07\x1b[2Jb.xlsx");
    await fs.writeFile(name, "这不是工作簿");
    const r = await run("score", name);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${path.sep}ab.xlsx`);
    expect(r.stderr).not.toMatch(CONTROL);
    expect(r.stdout).not.toMatch(CONTROL);
  });
});
