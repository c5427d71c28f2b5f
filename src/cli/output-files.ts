/**
 * Writing the command line's output files (the scored copy, the JSON report) safely:
 * - never onto a file the run must not touch: an output that is, or links to (symbolic or hard link),
 *   an input or another output is refused — compared by the resolved path and by device + inode;
 * - never over an existing read-only file (judged by its permission bits, so also when run as root);
 * - never half-written: the data goes to a temporary file in the target's folder which is renamed into
 *   place; the temporary file is removed on any failure and when the process is interrupted
 *   (SIGINT/SIGTERM). Renaming replaces a symbolic link at the target itself, never writes through it.
 */
import { promises as fs, unlinkSync, type Stats } from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import type { Lang } from "../engine/types";
import { text } from "./messages";

/** An output the command line refused or failed to write; the message is in the user's language. */
export class OutputFileError extends Error {
  constructor(
    readonly code: "SameFile" | "ReadOnly" | "NotAFile" | "WriteFailed",
    message: string,
  ) {
    super(message);
    this.name = "OutputFileError";
  }
}

/** Follows symbolic links at `file` itself (also dangling ones) and resolves its folder's links: the
 *  path the file's bytes live at, whether it exists or not. */
export async function canonicalPath(file: string): Promise<string> {
  let current = path.resolve(file);
  for (let hops = 0; hops < 40; hops++) {
    let stat: Stats;
    try {
      stat = await fs.lstat(current);
    } catch {
      break; // does not exist (yet)
    }
    if (!stat.isSymbolicLink()) break;
    const link = await fs.readlink(current);
    current = path.resolve(path.dirname(current), link);
  }
  let folder = path.dirname(current);
  try {
    folder = await fs.realpath(folder);
  } catch {
    // a folder that does not exist: the write fails later with its own message
  }
  return path.join(folder, path.basename(current));
}

async function statOrNull(file: string): Promise<Stats | null> {
  try {
    return await fs.stat(file);
  } catch {
    return null;
  }
}

/** Temporary files being written now: removed if the process is interrupted. */
const live = new Set<string>();
const SIGNALS = ["SIGINT", "SIGTERM"] as const;

function onSignal(signal: NodeJS.Signals): void {
  for (const temp of live)
    try {
      unlinkSync(temp);
    } catch {
      // already renamed into place or removed
    }
  live.clear();
  uninstall();
  // Nobody else listens: end the way the signal would have ended the process without us.
  if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
}

function install(): void {
  for (const signal of SIGNALS)
    if (!process.listeners(signal).includes(onSignal)) process.on(signal, onSignal);
}

function uninstall(): void {
  for (const signal of SIGNALS) process.removeListener(signal, onSignal);
}

/** The operating system's reason for a failed write, in the user's language (never its English text). */
function reason(lang: Lang, error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  switch (code) {
    case "ENOENT":
    case "ENOTDIR":
      return text(lang, "osNoFolder");
    case "EACCES":
    case "EPERM":
      return text(lang, "osDenied");
    case "ENOSPC":
    case "EDQUOT":
      return text(lang, "osFull");
    case "EROFS":
      return text(lang, "osReadOnlyDisk");
    case "EISDIR":
      return text(lang, "osIsFolder");
    default:
      return text(lang, "osOther", { code: code ?? "?" });
  }
}

/** The refusals of writeOutputFile, without writing: lets the command line refuse every output before
 *  it writes any. */
export async function checkOutputFile(
  target: string,
  options: { protect: string[]; lang: Lang },
): Promise<void> {
  await refusals(target, options);
}

async function refusals(target: string, options: { protect: string[]; lang: Lang }): Promise<Stats | null> {
  const { lang } = options;
  const where = await canonicalPath(target);
  const existing = await statOrNull(target);
  for (const other of options.protect) {
    const otherWhere = await canonicalPath(other);
    const otherStat = await statOrNull(other);
    const samePath = otherWhere === where;
    const sameInode =
      existing !== null &&
      otherStat !== null &&
      existing.dev === otherStat.dev &&
      existing.ino === otherStat.ino;
    if (samePath || sameInode)
      throw new OutputFileError("SameFile", text(lang, "outputSameFile", { file: target, other }));
  }
  if (existing !== null) {
    if (!existing.isFile())
      throw new OutputFileError("NotAFile", text(lang, "outputNotFile", { file: target }));
    if ((existing.mode & 0o222) === 0)
      throw new OutputFileError("ReadOnly", text(lang, "outputReadOnly", { file: target }));
  }

  return existing;
}

/** Where an output goes: the directory entry replaced — the target's own (a symbolic link there is
 *  replaced, not followed) — and a fresh temporary name beside it in the same folder. */
async function placeFor(target: string): Promise<{ entry: string; temp: string }> {
  let folder = path.dirname(path.resolve(target));
  try {
    folder = await fs.realpath(folder);
  } catch {
    // a missing folder: open() of the temporary file fails and says so
  }
  const name = path.basename(target);
  return {
    entry: path.join(folder, name),
    temp: path.join(folder, `.${name}.${process.pid}-${randomBytes(4).toString("hex")}.tmp`),
  };
}

/** Refuses (throws OutputFileError, localized) when target is/links to any of `protect` (inputs, other
 *  outputs; compared by realpath and dev+inode), or is an existing read-only file; writes to a temp file
 *  in the target's folder and renames it into place; removes the temp on failure and on SIGINT/SIGTERM. */
export async function writeOutputFile(
  target: string,
  data: Uint8Array | string,
  options: { protect: string[]; lang: Lang },
): Promise<void> {
  const { lang } = options;
  const existing = await refusals(target, options);
  const { entry, temp } = await placeFor(target);
  live.add(temp);
  install();
  try {
    const handle = await fs.open(temp, "wx", existing ? existing.mode & 0o777 : 0o666);
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temp, entry);
  } catch (e) {
    await fs.rm(temp, { force: true }).catch(() => undefined);
    throw new OutputFileError(
      "WriteFailed",
      text(lang, "outputWriteFailed", { file: target, reason: reason(lang, e) }),
    );
  } finally {
    live.delete(temp);
    if (live.size === 0) uninstall();
  }
}

/** An output written piece by piece (the batch's JSON report): the same refusals as writeOutputFile,
 *  the pieces go to a temporary file in the target's folder, renamed into place by `commit`; `abort`
 *  (or a failed write) removes it. */
interface OutputStream {
  write(chunk: string | Uint8Array): Promise<void>;
  commit(): Promise<void>;
  abort(): Promise<void>;
}

export async function openOutputStream(
  target: string,
  options: { protect: string[]; lang: Lang },
): Promise<OutputStream> {
  const { lang } = options;
  const existing = await refusals(target, options);
  const { entry, temp } = await placeFor(target);
  const failure = (e: unknown) =>
    new OutputFileError(
      "WriteFailed",
      text(lang, "outputWriteFailed", { file: target, reason: reason(lang, e) }),
    );
  live.add(temp);
  install();
  const release = async () => {
    await fs.rm(temp, { force: true }).catch(() => undefined);
    live.delete(temp);
    if (live.size === 0) uninstall();
  };
  let handle: Awaited<ReturnType<typeof fs.open>>;
  try {
    handle = await fs.open(temp, "wx", existing ? existing.mode & 0o777 : 0o666);
  } catch (e) {
    await release();
    throw failure(e);
  }
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await handle.close().catch(() => undefined);
  };
  return {
    async write(chunk) {
      try {
        await handle.writeFile(chunk);
      } catch (e) {
        await close();
        await release();
        throw failure(e);
      }
    },
    async commit() {
      try {
        await handle.sync();
        await close();
        await fs.rename(temp, entry);
      } catch (e) {
        await close();
        await release();
        throw failure(e);
      }
      live.delete(temp);
      if (live.size === 0) uninstall();
    },
    async abort() {
      await close();
      await release();
    },
  };
}
