/** Safe output files: an output that is or links to (symbolic or hard link) the input or another output
 *  is refused, a read-only file is not replaced, data is renamed into place from a temporary file in the
 *  same folder, and a failed or interrupted write leaves neither a partial file nor the temporary one —
 *  tested on writeOutputFile itself and through `perf-eval score` (in-process and as a killed process). */
import { spawn } from "node:child_process";
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { main, type Io } from "../../src/cli/main";
import { OutputFileError, writeOutputFile } from "../../src/cli/output-files";

jest.setTimeout(120_000);

const ROOT = path.join(__dirname, "..", "..");
const SAMPLE = path.join(ROOT, "examples", "gaozhuang-2023.xlsx");

let dir: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "perf-eval-out-"));
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});
const file = (name: string) => path.join(dir, name);
const zh = { lang: "zh-CN" as const };

async function refusal(promise: Promise<unknown>): Promise<OutputFileError> {
  try {
    await promise;
  } catch (e) {
    expect(e).toBeInstanceOf(OutputFileError);
    return e as OutputFileError;
  }
  throw new Error("the write was not refused");
}

/** Names in the folder other than `keep` (a temporary file left behind shows up here). */
async function others(...keep: string[]): Promise<string[]> {
  return (await fs.readdir(dir)).filter((n) => !keep.includes(n));
}

async function run(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const io: Io = { stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s) };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

describe("writeOutputFile", () => {
  it("writes a new file and leaves nothing else in the folder", async () => {
    await writeOutputFile(file("a.json"), "{}\n", { protect: [], ...zh });
    expect(await fs.readFile(file("a.json"), "utf8")).toBe("{}\n");
    expect(await others("a.json")).toEqual([]);
  });

  it("replaces an existing file whole, keeping its permission bits", async () => {
    await fs.writeFile(file("a.json"), "old content that is longer");
    await fs.chmod(file("a.json"), 0o640);
    await writeOutputFile(file("a.json"), new Uint8Array([49, 50]), { protect: [], ...zh });
    expect(await fs.readFile(file("a.json"), "utf8")).toBe("12");
    expect((await fs.stat(file("a.json"))).mode & 0o777).toBe(0o640);
    expect(await others("a.json")).toEqual([]);
  });

  it("refuses a symbolic link to a protected file, and the file keeps its bytes", async () => {
    await fs.writeFile(file("in.xlsx"), "input");
    await fs.symlink(file("in.xlsx"), file("link.json"));
    const e = await refusal(writeOutputFile(file("link.json"), "x", { protect: [file("in.xlsx")], ...zh }));
    expect(e.code).toBe("SameFile");
    expect(e.message).toContain("link.json");
    expect(e.message).toContain("同一文件");
    expect(await fs.readFile(file("in.xlsx"), "utf8")).toBe("input");
    expect(await others("in.xlsx", "link.json")).toEqual([]);
  });

  it("refuses a relative symbolic link and a chain of links to a protected file", async () => {
    await fs.writeFile(file("in.xlsx"), "input");
    await fs.symlink("in.xlsx", file("one"));
    await fs.symlink("one", file("two.json"));
    const e = await refusal(writeOutputFile(file("two.json"), "x", { protect: [file("in.xlsx")], ...zh }));
    expect(e.code).toBe("SameFile");
  });

  it("refuses a hard link to a protected file (same device and inode, another name)", async () => {
    await fs.writeFile(file("in.xlsx"), "input");
    await fs.link(file("in.xlsx"), file("hard.json"));
    const e = await refusal(
      writeOutputFile(file("hard.json"), "x", { protect: [file("in.xlsx")], lang: "en-US" }),
    );
    expect(e.code).toBe("SameFile");
    expect(e.message).toContain("the same file");
    expect(await fs.readFile(file("in.xlsx"), "utf8")).toBe("input");
  });

  it("refuses another spelling of a protected path, and a dangling link to an output not written yet", async () => {
    await fs.mkdir(file("sub"));
    const e1 = await refusal(
      writeOutputFile(path.join(dir, "sub", "..", "out.xlsx"), "x", { protect: [file("out.xlsx")], ...zh }),
    );
    expect(e1.code).toBe("SameFile");
    await fs.symlink(file("out.xlsx"), file("r.json")); // out.xlsx does not exist yet
    const e2 = await refusal(writeOutputFile(file("r.json"), "x", { protect: [file("out.xlsx")], ...zh }));
    expect(e2.code).toBe("SameFile");
    await expect(fs.stat(file("out.xlsx"))).rejects.toThrow();
  });

  it("refuses a protected file reached through a linked folder", async () => {
    await fs.mkdir(file("real"));
    await fs.writeFile(path.join(dir, "real", "in.xlsx"), "input");
    await fs.symlink(file("real"), file("alias"));
    const e = await refusal(
      writeOutputFile(path.join(dir, "alias", "in.xlsx"), "x", {
        protect: [path.join(dir, "real", "in.xlsx")],
        ...zh,
      }),
    );
    expect(e.code).toBe("SameFile");
  });

  it("refuses to replace an existing read-only file (also when run as root)", async () => {
    await fs.writeFile(file("ro.xlsx"), "keep me");
    await fs.chmod(file("ro.xlsx"), 0o444);
    const e = await refusal(writeOutputFile(file("ro.xlsx"), "x", { protect: [], ...zh }));
    expect(e.code).toBe("ReadOnly");
    expect(e.message).toContain("只读");
    expect(await fs.readFile(file("ro.xlsx"), "utf8")).toBe("keep me");
    expect(await others("ro.xlsx")).toEqual([]);
  });

  it("replaces a symbolic link to an unprotected file by the new file, never writing through it", async () => {
    await fs.writeFile(file("elsewhere.txt"), "theirs");
    await fs.symlink(file("elsewhere.txt"), file("out.json"));
    await writeOutputFile(file("out.json"), "ours", { protect: [], ...zh });
    expect((await fs.lstat(file("out.json"))).isSymbolicLink()).toBe(false);
    expect(await fs.readFile(file("out.json"), "utf8")).toBe("ours");
    expect(await fs.readFile(file("elsewhere.txt"), "utf8")).toBe("theirs");
  });

  it("fails in the user's language when the folder does not exist, leaving nothing", async () => {
    const e = await refusal(
      writeOutputFile(path.join(dir, "missing", "a.json"), "x", { protect: [], ...zh }),
    );
    expect(e.code).toBe("WriteFailed");
    expect(e.message).toContain("所在文件夹不存在");
    expect(e.message).not.toMatch(/ENOENT|no such file/);
    expect(await others()).toEqual([]);
  });

  it("refuses a folder as the target", async () => {
    await fs.mkdir(file("folder.json"));
    const e = await refusal(writeOutputFile(file("folder.json"), "x", { protect: [], lang: "en-US" }));
    expect(e.code).toBe("NotAFile");
  });
});

describe("perf-eval score refuses outputs that are the input or each other", () => {
  let input: string;
  let original: Buffer;
  beforeEach(async () => {
    input = file("in.xlsx");
    await fs.copyFile(SAMPLE, input);
    original = await fs.readFile(input);
  });

  it("--json as a symbolic link to the input: exit 2, input unchanged, no copy written", async () => {
    await fs.symlink(input, file("report.json"));
    const r = await run("score", input, "--out", file("out.xlsx"), "--json", file("report.json"));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("同一文件");
    expect(await fs.readFile(input)).toEqual(original);
    expect(await others("in.xlsx", "report.json")).toEqual([]);
  });

  it("--json as a hard link to the input: exit 2, input unchanged", async () => {
    await fs.link(input, file("report.json"));
    const r = await run("score", input, "--json", file("report.json"), "--lang", "en-US");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("the same file");
    expect(await fs.readFile(input)).toEqual(original);
  });

  it("--out as a hard link to the input: exit 2, input unchanged", async () => {
    await fs.link(input, file("copy.xlsx"));
    const r = await run("score", input, "--out", file("copy.xlsx"));
    expect(r.code).toBe(2);
    expect(await fs.readFile(input)).toEqual(original);
  });

  it("--json linked (symbolic, then hard) to the existing --out copy: exit 2, the copy unchanged", async () => {
    const out = file("out.xlsx");
    expect((await run("score", input, "--out", out)).code).toBe(0);
    const copy = await fs.readFile(out);
    await fs.symlink(out, file("s.json"));
    const soft = await run("score", input, "--out", out, "--json", file("s.json"));
    expect(soft.code).toBe(2);
    await fs.link(out, file("h.json"));
    const hard = await run("score", input, "--out", out, "--json", file("h.json"));
    expect(hard.code).toBe(2);
    expect(await fs.readFile(out)).toEqual(copy);
  });

  it("an existing read-only --out is not replaced (exit 2, its bytes kept)", async () => {
    await fs.writeFile(file("ro.xlsx"), "read-only");
    await fs.chmod(file("ro.xlsx"), 0o444);
    const r = await run("score", input, "--out", file("ro.xlsx"));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("只读");
    expect(await fs.readFile(file("ro.xlsx"), "utf8")).toBe("read-only");
  });
});

describe("a killed perf-eval leaves no partial output and no temporary file", () => {
  /** Runs the CLI from source with writes stalled halfway (test/cli/helpers/stall-write.cjs), kills it
   *  with `signal` once the temporary file is half-written, and resolves to what happened. */
  function killMidWrite(
    args: string[],
    signal: NodeJS.Signals,
  ): Promise<{ temp: string; signal: string | null }> {
    return new Promise((resolve, reject) => {
      const child = spawn(
        process.execPath,
        [
          "--require",
          path.join(__dirname, "helpers", "stall-write.cjs"),
          "--import",
          "tsx",
          path.join(__dirname, "helpers", "run-cli.ts"),
          ...args,
        ],
        { cwd: ROOT, stdio: ["ignore", "ignore", "pipe"] },
      );
      let stderr = "";
      let temp = "";
      child.stderr.on("data", (chunk: Buffer) => {
        stderr += chunk.toString();
        const m = /STALLED (.+)\n/.exec(stderr);
        if (m && !temp) {
          temp = m[1];
          void fs.stat(temp).then((s) => {
            expect(s.size).toBeGreaterThan(0); // caught mid-write: the temporary file is there
            child.kill(signal);
          }, reject);
        }
      });
      child.on("error", reject);
      child.on("exit", (_code, sig) => (temp ? resolve({ temp, signal: sig }) : reject(new Error(stderr))));
    });
  }

  it.each(["SIGTERM", "SIGINT"] as const)("--json killed by %s mid-write", async (signal) => {
    await fs.copyFile(SAMPLE, file("in.xlsx"));
    const r = await killMidWrite(["score", file("in.xlsx"), "--json", file("r.json")], signal);
    expect(r.signal).toBe(signal); // ended by the signal, as without the handler
    expect(path.dirname(r.temp)).toBe(await fs.realpath(dir)); // written in the target's folder
    expect(await others("in.xlsx")).toEqual([]); // neither r.json nor the temporary file
  });

  it("--out killed mid-write keeps the previous copy whole", async () => {
    await fs.copyFile(SAMPLE, file("in.xlsx"));
    await fs.writeFile(file("out.xlsx"), "previous copy");
    await killMidWrite(["score", file("in.xlsx"), "--out", file("out.xlsx")], "SIGTERM");
    expect(await fs.readFile(file("out.xlsx"), "utf8")).toBe("previous copy");
    expect(await others("in.xlsx", "out.xlsx")).toEqual([]);
  });
});
