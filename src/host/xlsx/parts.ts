/**
 * A package's parts by name, for the save path (./package, ./carry): the input package read straight
 * from its zip directory (parts inflated with Node's zlib only when asked for, JSZip when the zip uses
 * anything this reader does not handle), and the output as ExcelJS renders it, in memory, zipped once:
 * with Node's zlib (deflated on the thread pool, part by part), or with JSZip when the bytes must be
 * repeatable across machines (a fixed date: pako is pinned by the lockfile, Node's zlib is not).
 */
import { promisify } from "node:util";
import * as zlib from "node:zlib";
import JSZip from "jszip";

const deflateRaw = promisify(zlib.deflateRaw);

export interface PackageParts {
  /** Part names (no folder entries), in package order. */
  names(): string[];
  has(part: string): boolean;
  /** The part as UTF-8 text, or null when there is no such part. */
  text(part: string): Promise<string | null>;
  /** The part's bytes, or null when there is no such part. */
  bytes(part: string): Promise<Uint8Array | null>;
}

export interface WritableParts extends PackageParts {
  /** Replace a part in place, or add it at the end. */
  set(part: string, data: string | Uint8Array): void;
  remove(part: string): void;
}

// ───────────────────────────── the input: zip directory reader ─────────────────────────────

interface DirEntry {
  method: number;
  offset: number;
  compressedSize: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/** The central directory of a plain zip (no zip64, no encryption, stored or deflated parts); null
 *  for anything else, which then goes to JSZip. */
function directory(buf: Buffer): Map<string, DirEntry> | null {
  const min = Math.max(0, buf.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = buf.length - 22; i >= min; i--)
    if (buf.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  if (eocd < 0) return null;
  const count = buf.readUInt16LE(eocd + 10);
  const size = buf.readUInt32LE(eocd + 12);
  let at = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || size === 0xffffffff || at === 0xffffffff || at + size > eocd) return null;
  const entries = new Map<string, DirEntry>();
  for (let n = 0; n < count; n++) {
    if (at + 46 > buf.length || buf.readUInt32LE(at) !== CENTRAL) return null;
    const flags = buf.readUInt16LE(at + 8);
    const method = buf.readUInt16LE(at + 10);
    const compressedSize = buf.readUInt32LE(at + 20);
    const nameLength = buf.readUInt16LE(at + 28);
    const extraLength = buf.readUInt16LE(at + 30);
    const commentLength = buf.readUInt16LE(at + 32);
    const offset = buf.readUInt32LE(at + 42);
    if (flags & 1 || (method !== 0 && method !== 8)) return null;
    if (compressedSize === 0xffffffff || offset === 0xffffffff) return null;
    const name = buf.toString("utf8", at + 46, at + 46 + nameLength);
    if (!name.endsWith("/")) entries.set(name, { method, offset, compressedSize });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

class ZipParts implements PackageParts {
  constructor(
    private readonly buf: Buffer,
    private readonly entries: Map<string, DirEntry>,
  ) {}

  names(): string[] {
    return [...this.entries.keys()];
  }

  has(part: string): boolean {
    return this.entries.has(part);
  }

  async bytes(part: string): Promise<Uint8Array | null> {
    const e = this.entries.get(part);
    if (!e) return null;
    const { buf } = this;
    if (e.offset + 30 > buf.length || buf.readUInt32LE(e.offset) !== LOCAL)
      throw new Error(`zip 条目“${part}”损坏`);
    const start = e.offset + 30 + buf.readUInt16LE(e.offset + 26) + buf.readUInt16LE(e.offset + 28);
    const data = buf.subarray(start, start + e.compressedSize);
    return e.method === 0 ? data : zlib.inflateRawSync(data);
  }

  async text(part: string): Promise<string | null> {
    const data = await this.bytes(part);
    return data === null ? null : Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString("utf8");
  }
}

class JSZipParts implements PackageParts {
  constructor(private readonly zip: JSZip) {}

  names(): string[] {
    return Object.keys(this.zip.files).filter((name) => !this.zip.files[name].dir);
  }

  has(part: string): boolean {
    const f = this.zip.files[part];
    return Boolean(f && !f.dir);
  }

  async bytes(part: string): Promise<Uint8Array | null> {
    return this.has(part) ? this.zip.files[part].async("uint8array") : null;
  }

  async text(part: string): Promise<string | null> {
    return this.has(part) ? this.zip.files[part].async("string") : null;
  }
}

/** The parts of a zip package (read lazily: a part is inflated when it is asked for). */
export async function readParts(data: Buffer | Uint8Array): Promise<PackageParts> {
  const buf = Buffer.isBuffer(data) ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  let entries: Map<string, DirEntry> | null = null;
  try {
    entries = directory(buf);
  } catch {
    entries = null;
  }
  return entries ? new ZipParts(buf, entries) : new JSZipParts(await JSZip.loadAsync(buf));
}

// ───────────────────────────── the output: parts in memory ─────────────────────────────

/** One rendered part: text or bytes as ExcelJS gave it (media may come as base64 text); a large part
 *  may already be on its way through the deflater (see MemoryParts.eager). */
export interface RenderedPart {
  data: string | Uint8Array;
  base64?: boolean;
  zipped?: Promise<{ raw: Uint8Array; deflated: Buffer }>;
}

/** Parts at least this large are deflated as soon as ExcelJS hands them over (when eager). */
const EAGER_BYTES = 64 * 1024;

const decoder = new TextDecoder();

export class MemoryParts implements WritableParts {
  readonly parts = new Map<string, RenderedPart>();
  /** Parts added after rendering (carried): zipped without folder entries of their own. */
  readonly added = new Set<string>();

  /** `eager`: deflate each large part on the thread pool as soon as it is handed over, while ExcelJS
   *  renders the next ones (for zipWithZlib; a part replaced later is deflated again). */
  constructor(private readonly eager = false) {}

  /** ExcelJS's zip-writer interface: how it hands over each part it renders. */
  append(data: string | Uint8Array, options: { name: string; base64?: boolean }): void {
    const part: RenderedPart = options.base64 ? { data, base64: true } : { data };
    if (this.eager && !options.base64 && data.length >= EAGER_BYTES) {
      const raw = typeof data === "string" ? Buffer.from(data, "utf8") : data;
      part.zipped = deflateRaw(raw, { level: 6 }).then((deflated) => ({ raw, deflated }));
      part.zipped.catch(() => undefined); // awaited (and reported) when zipped, or dropped if replaced
    }
    this.parts.set(options.name, part);
  }

  names(): string[] {
    return [...this.parts.keys()];
  }

  has(part: string): boolean {
    return this.parts.has(part);
  }

  async bytes(part: string): Promise<Uint8Array | null> {
    const p = this.parts.get(part);
    if (!p) return null;
    if (typeof p.data !== "string") return p.data;
    return p.base64 ? Buffer.from(p.data, "base64") : Buffer.from(p.data, "utf8");
  }

  async text(part: string): Promise<string | null> {
    const p = this.parts.get(part);
    if (!p) return null;
    if (typeof p.data === "string" && !p.base64) return p.data;
    return decoder.decode((await this.bytes(part)) as Uint8Array);
  }

  set(part: string, data: string | Uint8Array): void {
    if (!this.parts.has(part)) this.added.add(part);
    this.parts.set(part, { data });
  }

  remove(part: string): void {
    this.parts.delete(part);
    this.added.delete(part);
  }

  /** The parts as one zip, in order, as ExcelJS's own writer would file them. */
  toZip(fixedDate?: Date): JSZip {
    const zip = new JSZip();
    for (const [name, p] of this.parts) {
      const options: JSZip.JSZipFileOptions = {};
      if (p.base64) options.base64 = true;
      if (this.added.has(name)) options.createFolders = false;
      if (fixedDate) options.date = fixedDate;
      zip.file(name, p.data, options);
    }
    if (fixedDate) for (const entry of Object.values(zip.files)) entry.date = fixedDate;
    return zip;
  }
}

// ───────────────────────────── zipping with Node's zlib ─────────────────────────────

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

/** MS-DOS date and time (local time, as JSZip writes them). */
function dosDateTime(date: Date): { time: number; day: number } {
  const year = Math.max(1980, Math.min(2107, date.getFullYear()));
  return {
    time: (date.getHours() << 11) | (date.getMinutes() << 5) | (date.getSeconds() >> 1),
    day: ((year - 1980) << 9) | ((date.getMonth() + 1) << 5) | date.getDate(),
  };
}

/** The parts as one zip: each deflated with Node's zlib (level 6, stored when that is not smaller),
 *  UTF-8 names, no folder entries. Null when the package needs zip64 (then JSZip's writer is used). */
export async function zipWithZlib(parts: MemoryParts, date: Date = new Date()): Promise<Buffer | null> {
  const names = parts.names();
  const zipped = await Promise.all(
    names.map(async (name) => {
      const early = parts.parts.get(name)?.zipped;
      if (early) return early;
      const raw = (await parts.bytes(name)) as Uint8Array;
      return { raw, deflated: await deflateRaw(raw, { level: 6 }) };
    }),
  );
  const raw = zipped.map((z) => z.raw);
  const packed = zipped.map((z) => z.deflated);
  const total = raw.reduce((sum, d) => sum + d.length, 0);
  if (names.length >= 0xffff || total >= 0xf0000000) return null;
  const { time, day } = dosDateTime(date);
  const chunks: Uint8Array[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  names.forEach((name, i) => {
    const data = raw[i];
    const deflated = packed[i].length < data.length;
    const body = deflated ? packed[i] : data;
    const nameBytes = Buffer.from(name, "utf8");
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed: 2.0
    local.writeUInt16LE(0x0800, 6); // names are UTF-8
    local.writeUInt16LE(deflated ? 8 : 0, 8);
    local.writeUInt16LE(time, 10);
    local.writeUInt16LE(day, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    local.writeUInt16LE(0, 28);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4); // made by: MS-DOS, 2.0
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(0x0800, 8);
    entry.writeUInt16LE(deflated ? 8 : 0, 10);
    entry.writeUInt16LE(time, 12);
    entry.writeUInt16LE(day, 14);
    entry.writeUInt32LE(crc, 16);
    entry.writeUInt32LE(body.length, 20);
    entry.writeUInt32LE(data.length, 24);
    entry.writeUInt16LE(nameBytes.length, 28);
    entry.writeUInt32LE(offset, 42);
    central.push(entry, nameBytes);
    chunks.push(local, nameBytes, body);
    offset += 30 + nameBytes.length + body.length;
  });
  const directorySize = central.reduce((sum, b) => sum + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(names.length, 8);
  end.writeUInt16LE(names.length, 10);
  end.writeUInt32LE(directorySize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...chunks, ...central, end]);
}
