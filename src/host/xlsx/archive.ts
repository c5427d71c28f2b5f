/**
 * The .xlsx package as a zip archive, through @zip.js/zip.js: opening it (with a clear message for what
 * is not a workbook: not a zip, truncated, a legacy .xls, a password-protected file), reading a part's
 * compressed bytes as they are, inflating a part within a declared size limit (checked against the
 * directory before inflating, and again while inflating), and writing the copy: every entry the copy
 * does not change is copied with its compressed bytes as they are (`passThrough`); edited and new parts
 * are deflated here with Node's zlib and added the same way.
 */
import * as zlib from "node:zlib";
import {
  configure,
  Uint8ArrayReader,
  Uint8ArrayWriter,
  ZipReader,
  ZipWriter,
  type Entry,
  type FileEntry,
} from "@zip.js/zip.js";
import { LocalizedHostError, type Messages } from "../errors";

configure({ useWebWorkers: false, useCompressionStream: false });

/** The largest inflated part the command line reads (a worksheet of about two million cells is ~100 MB;
 *  a part that claims or turns out to be larger is refused before it is inflated whole). */
export const MAX_PART_BYTES = 256 * 1024 * 1024;
/** The largest sum of inflated parts read from one package. */
const MAX_TOTAL_BYTES = 1024 * 1024 * 1024;

/** What the user is told a part is: a sheet's name where the part belongs to one. */
type PartLabel = (part: string) => Messages;

export function unreadable(file: string, zh: string, en: string): LocalizedHostError {
  return new LocalizedHostError("Unreadable", {
    "zh-CN": `无法读取文件“${file}”：${zh}`,
    "en-US": `Cannot read "${file}": ${en}`,
  });
}

const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function startsWith(data: Uint8Array, magic: number[]): boolean {
  return magic.every((b, i) => data[i] === b);
}

/** An OLE compound file holding an encrypted OOXML package names its stream "EncryptedPackage". */
function isEncryptedPackage(data: Uint8Array): boolean {
  const name = Buffer.from("EncryptedPackage", "utf16le");
  return Buffer.from(data.buffer, data.byteOffset, data.byteLength).includes(name);
}

/** Why `data` is not a zip we can read, as a HostError naming `file`. */
function notAZip(file: string, data: Uint8Array): LocalizedHostError {
  if (startsWith(data, OLE_MAGIC))
    return isEncryptedPackage(data)
      ? unreadable(
          file,
          "工作簿设置了打开密码。请先取消打开密码（文件 → 信息 → 保护工作簿 → 用密码进行加密，清空密码）后再试。",
          "the workbook has an open password. Remove it first (File → Info → Protect Workbook → Encrypt with Password, clear the password) and try again.",
        )
      : unreadable(
          file,
          "这是旧版 Excel 97-2003 工作簿（.xls）。请在 Excel 或 WPS 中另存为 .xlsx 后再试。",
          "this is a legacy Excel 97-2003 workbook (.xls). Save it as .xlsx in Excel or WPS and try again.",
        );
  if (data.length >= 4 && data[0] === 0x50 && data[1] === 0x4b && data[2] === 0x03 && data[3] === 0x04)
    return unreadable(
      file,
      "文件不完整（可能在复制或下载时被截断）。请重新获取完整的文件。",
      "the file is incomplete (it may have been cut off while copying or downloading). Get the whole file again.",
    );
  return unreadable(
    file,
    "不是 .xlsx 工作簿（文件内容不是 Excel 工作簿格式）。",
    "it is not an .xlsx workbook (its content is not in Excel's workbook format).",
  );
}

/** A finished part of the copy: deflated here, or an input entry (a file or a folder) copied as it is. */
export type OutputPart = { name: string; copy: Entry } | { name: string; data: Uint8Array | string };

let crcTable: Int32Array | undefined;

/** CRC-32 of the bytes (zlib.crc32 where Node has it: 20.15 and later). */
function crc32(data: Uint8Array): number {
  const native = (zlib as unknown as { crc32?: (d: Uint8Array) => number }).crc32;
  if (native) return native(data) >>> 0;
  if (!crcTable) {
    crcTable = new Int32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c;
    }
  }
  let crc = -1;
  for (let i = 0; i < data.length; i++) crc = crcTable[(crc ^ data[i]) & 0xff] ^ (crc >>> 8);
  return (crc ^ -1) >>> 0;
}

function isFile(entry: Entry): entry is FileEntry {
  return !entry.directory;
}

/** An opened package: its file entries by name, in the archive's order; `all` holds the folder entries
 *  ("xl/media/", written by some tools) too, in their places, so the copy keeps them. */
export class Archive {
  private inflated = 0;
  /** The parts read as text that began with a UTF-8 byte-order mark (an edited one keeps it). */
  private readonly marked = new Set<string>();

  private constructor(
    readonly file: string,
    private readonly data: Uint8Array,
    readonly all: Entry[],
    readonly entries: FileEntry[],
    private readonly byName: Map<string, FileEntry>,
    private label: PartLabel,
  ) {}

  /** Open `data` (the bytes of `file`); HostError "Unreadable" in the user's language for anything that
   *  is not a readable zip. `label` names a part for messages (the sheet it belongs to). */
  static async open(file: string, data: Uint8Array, label: PartLabel = defaultLabel): Promise<Archive> {
    let entries: Entry[];
    try {
      entries = await new ZipReader(new Uint8ArrayReader(data)).getEntries();
    } catch {
      throw notAZip(file, data);
    }
    const files = entries.filter(isFile);
    if (files.some((e) => e.encrypted))
      throw unreadable(
        file,
        "工作簿设置了打开密码。请先取消打开密码后再试。",
        "the workbook has an open password. Remove it first and try again.",
      );
    return new Archive(file, data, entries, files, new Map(files.map((e) => [e.filename, e])), label);
  }

  setLabel(label: PartLabel): void {
    this.label = label;
  }

  names(): string[] {
    return this.entries.map((e) => e.filename);
  }

  has(part: string): boolean {
    return this.byName.has(part);
  }

  entry(part: string): FileEntry | undefined {
    return this.byName.get(part);
  }

  private damaged(part: string): LocalizedHostError {
    const what = this.label(part);
    return unreadable(
      this.file,
      `文件已损坏：${what["zh-CN"]}无法解压。请在 Excel 或 WPS 中打开并重新保存后再试。`,
      `the file is damaged: ${what["en-US"]} cannot be unpacked. Open it in Excel or WPS, save it again and retry.`,
    );
  }

  private tooLarge(part: string, size: number): LocalizedHostError {
    const what = this.label(part);
    const mb = (n: number) => Math.ceil(n / 1024 / 1024);
    return new LocalizedHostError("TooLarge", {
      "zh-CN": `无法读取文件“${this.file}”：${what["zh-CN"]}解压后超过 ${mb(size)} MB，超出本工具的上限（每个部件 ${mb(MAX_PART_BYTES)} MB、合计 ${mb(MAX_TOTAL_BYTES)} MB）。请删除无用的行列（例如远处的空白格式）后再试。`,
      "en-US": `Cannot read "${this.file}": ${what["en-US"]} is more than ${mb(size)} MB unpacked, beyond this tool's limit (${mb(MAX_PART_BYTES)} MB per part, ${mb(MAX_TOTAL_BYTES)} MB in all). Delete unused rows and columns (e.g. formatting far away) and try again.`,
    });
  }

  /** The entry's compressed bytes as stored: a view of the input at the entry's data, found from its
   *  local header (whose name and extra-field lengths may differ from the directory's). */
  async raw(part: string): Promise<Uint8Array> {
    const entry = this.byName.get(part);
    if (!entry) throw this.damaged(part);
    const data = this.data;
    const at = entry.offset;
    const header = at + 30 <= data.length ? new DataView(data.buffer, data.byteOffset + at, 30) : null;
    if (!header || header.getUint32(0, true) !== 0x04034b50) throw this.damaged(part);
    const start = at + 30 + header.getUint16(26, true) + header.getUint16(28, true);
    const end = start + entry.compressedSize;
    if (end > data.length) throw this.damaged(part);
    return data.subarray(start, end);
  }

  /** The part inflated, or null when there is no such part. Refused (HostError "TooLarge") when its
   *  declared or actual size passes MAX_PART_BYTES, or the package's total passes MAX_TOTAL_BYTES. */
  async bytes(part: string): Promise<Buffer | null> {
    const entry = this.byName.get(part);
    if (!entry) return null;
    const limit = Math.min(MAX_PART_BYTES, MAX_TOTAL_BYTES - this.inflated);
    if (entry.uncompressedSize > limit) throw this.tooLarge(part, entry.uncompressedSize);
    const raw = await this.raw(part);
    let data: Buffer;
    if (entry.compressionMethod === 0) data = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
    else if (entry.compressionMethod === 8) {
      // Inflated no further than the declared size: an entry that inflates past it lies about its size,
      // and is then only counted (nothing kept) to tell a part too large from a damaged one.
      const declared = entry.uncompressedSize;
      let lied = false;
      try {
        data = zlib.inflateRawSync(raw, { maxOutputLength: declared + 1 });
        lied = data.length > declared;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== "ERR_BUFFER_TOO_LARGE") throw this.damaged(part);
        lied = true;
        data = Buffer.alloc(0);
      }
      if (lied) {
        if ((await inflatedSize(raw, limit + 1)) > limit) throw this.tooLarge(part, limit);
        throw this.damaged(part);
      }
    } else throw this.damaged(part);
    if (entry.crc32 !== undefined && crc32(data) !== entry.crc32 >>> 0) throw this.damaged(part);
    this.inflated += data.length;
    return data;
  }

  /** The part as UTF-8 text (a byte-order mark dropped), or null when there is no such part. */
  async text(part: string): Promise<string | null> {
    const data = await this.bytes(part);
    if (data === null) return null;
    const start = data.length >= 3 && data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf ? 3 : 0;
    if (start) this.marked.add(part);
    return data.toString("utf8", start);
  }

  /** Whether the part, as text() read it, began with a byte-order mark. */
  hadByteOrderMark(part: string): boolean {
    return this.marked.has(part);
  }

  /** Forget the inflated bytes counted so far (a part read again for writing is counted again). */
  resetCount(): void {
    this.inflated = 0;
  }
}

/** How many bytes `raw` inflates to, counted up to `cap` (nothing kept; -1 when it does not inflate). */
function inflatedSize(raw: Uint8Array, cap: number): Promise<number> {
  return new Promise((resolve) => {
    const inflate = zlib.createInflateRaw({ chunkSize: 1024 * 1024 });
    let total = 0;
    inflate.on("data", (chunk: Buffer) => {
      total += chunk.length;
      if (total >= cap) {
        inflate.destroy();
        resolve(total);
      }
    });
    inflate.on("end", () => resolve(total));
    inflate.on("error", () => resolve(total > 0 ? total : -1));
    inflate.end(raw);
  });
}

function defaultLabel(part: string): Messages {
  return { "zh-CN": `部件“${part}”`, "en-US": `part "${part}"` };
}

/** Parts larger than this are deflated at level 1. */
const FAST_DEFLATE_BYTES = 1024 * 1024;

/** The copy: `parts` in order, input entries copied as they are, the others deflated. */
export async function writeArchive(parts: OutputPart[], archive: Archive): Promise<Uint8Array> {
  const out = new Uint8ArrayWriter();
  const writer = new ZipWriter(out, { useWebWorkers: false, keepOrder: true });
  const date = new Date();
  for (const part of parts) {
    if ("copy" in part) {
      if (part.copy.directory) {
        await writer.add(part.name, undefined, { passThrough: true, entry: part.copy });
        continue;
      }
      const raw = await archive.raw(part.copy.filename);
      await writer.add(part.name, new Uint8ArrayReader(raw), { passThrough: true, entry: part.copy });
      continue;
    }
    const data = typeof part.data === "string" ? Buffer.from(part.data, "utf8") : part.data;
    // a large part (a scored sheet) at zlib's fastest level: ~4× faster than 6, ~15% larger
    const deflated = zlib.deflateRawSync(data, { level: data.length > FAST_DEFLATE_BYTES ? 1 : 6 });
    const stored = deflated.length >= data.length;
    await writer.add(part.name, new Uint8ArrayReader(stored ? data : deflated), {
      passThrough: true,
      compressionMethod: stored ? 0 : 8,
      uncompressedSize: data.length,
      crc32: crc32(data),
      lastModDate: date,
    } as Parameters<ZipWriter<Uint8Array>["add"]>[2]);
  }
  return writer.close();
}
