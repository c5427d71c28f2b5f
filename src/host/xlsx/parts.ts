/**
 * A package's parts by name, for the save path (./package, ./carry): the input package read straight
 * from its zip directory (parts inflated with Node's zlib only when asked for, JSZip when the zip uses
 * anything this reader does not handle), and the output as ExcelJS renders it, in memory, before it is
 * zipped once.
 */
import { inflateRawSync } from "node:zlib";
import JSZip from "jszip";

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
    return e.method === 0 ? data : inflateRawSync(data);
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

/** One rendered part: text or bytes as ExcelJS gave it (media may come as base64 text). */
export interface RenderedPart {
  data: string | Uint8Array;
  base64?: boolean;
}

const decoder = new TextDecoder();

export class MemoryParts implements WritableParts {
  readonly parts = new Map<string, RenderedPart>();
  /** Parts added after rendering (carried): zipped without folder entries of their own. */
  readonly added = new Set<string>();

  /** ExcelJS's zip-writer interface: how it hands over each part it renders. */
  append(data: string | Uint8Array, options: { name: string; base64?: boolean }): void {
    this.parts.set(options.name, options.base64 ? { data, base64: true } : { data });
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
