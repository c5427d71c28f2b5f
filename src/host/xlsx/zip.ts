/**
 * The zip structures of a package, read and written over bytes in memory (APPNOTE 6.3): the central
 * directory of an input (ZIP64 end records and extra fields read; names as UTF-8 when flagged or valid
 * UTF-8, else CP437, a Unicode Path extra field taking precedence as it says), and an output of local
 * headers, data and a central directory. An input entry is copied with its directory record as it was
 * — version made by, flags, method, time and date, attributes, extra fields, comment — only its offset
 * new (and no data descriptor: the sizes are known); a new entry gets today's time and date.
 */
import * as zlib from "node:zlib";

/** An entry of an input's central directory. */
export interface ZipEntry {
  filename: string;
  directory: boolean;
  encrypted: boolean;
  /** Offset of its local header in the input. */
  offset: number;
  compressedSize: number;
  uncompressedSize: number;
  compressionMethod: number;
  crc32: number;
  versionMadeBy: number;
  externalFileAttributes: number;
  /** Its central directory record as read: the fixed part (46 bytes), then name, extra field, comment. */
  record: Uint8Array;
}

const LOCAL = 0x04034b50;
const CENTRAL = 0x02014b50;
const END = 0x06054b50;
const END64 = 0x06064b50;
const END64_LOCATOR = 0x07064b50;
const MAX16 = 0xffff;
const MAX32 = 0xffffffff;

let crcTable: Int32Array | undefined;

/** CRC-32 of the bytes (zlib.crc32 where Node has it: 20.15 and later). */
export function crc32(data: Uint8Array): number {
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

const CP437 =
  "\0☺☻♥♦♣♠•◘○◙♂♀♪♫☼►◄↕‼¶§▬↨↑↓→←∟↔▲▼ !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~⌂ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»░▒▓│┤╡╢╖╕╣║╗╝╜╛┐└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u00a0";

const UTF8 = new TextDecoder("utf-8", { ignoreBOM: true });
const STRICT_UTF8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/** A name's bytes as text: UTF-8 when flagged or when they are valid UTF-8 beyond ASCII, else CP437. */
function decodeName(raw: Uint8Array, utf8Flag: boolean): string {
  if (utf8Flag) return UTF8.decode(raw);
  if (raw.some((b) => b > 0x7f))
    try {
      return STRICT_UTF8.decode(raw);
    } catch {
      // not UTF-8: CP437, as the format's default
    }
  let out = "";
  for (const b of raw) out += CP437[b];
  return out;
}

function fail(why: string): never {
  throw new Error(`not a readable zip: ${why}`);
}

/** The entries of the zip in `data`, in its central directory's order; throws when it is no zip. */
export function readZipDirectory(data: Uint8Array): ZipEntry[] {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const n = data.length;
  if (n < 22) fail("too short");
  let end = -1;
  for (let at = n - 22; at >= Math.max(0, n - 22 - MAX16); at--)
    if (view.getUint32(at, true) === END) {
      end = at;
      break;
    }
  if (end < 0) fail("no end of central directory");
  let count = view.getUint16(end + 10, true);
  let size = view.getUint32(end + 12, true);
  let start = view.getUint32(end + 16, true);
  if (count === MAX16 || size === MAX32 || start === MAX32) {
    const locator = end - 20;
    if (locator < 0 || view.getUint32(locator, true) !== END64_LOCATOR) fail("no ZIP64 locator");
    const at = Number(view.getBigUint64(locator + 8, true));
    if (at + 56 > n || view.getUint32(at, true) !== END64) fail("no ZIP64 end record");
    count = Number(view.getBigUint64(at + 32, true));
    size = Number(view.getBigUint64(at + 40, true));
    start = Number(view.getBigUint64(at + 48, true));
  }
  if (start + size > n) fail("central directory beyond the end");
  const entries: ZipEntry[] = [];
  let p = start;
  for (let i = 0; i < count; i++) {
    if (p + 46 > n || view.getUint32(p, true) !== CENTRAL) fail("bad central directory record");
    const versionMadeBy = view.getUint16(p + 4, true);
    const flags = view.getUint16(p + 8, true);
    const method = view.getUint16(p + 10, true);
    const crc = view.getUint32(p + 16, true);
    let compressedSize = view.getUint32(p + 20, true);
    let uncompressedSize = view.getUint32(p + 24, true);
    const nameLength = view.getUint16(p + 28, true);
    const extraLength = view.getUint16(p + 30, true);
    const commentLength = view.getUint16(p + 32, true);
    const external = view.getUint32(p + 38, true);
    let offset = view.getUint32(p + 42, true);
    const next = p + 46 + nameLength + extraLength + commentLength;
    if (next > n) fail("record beyond the end");
    const rawName = data.subarray(p + 46, p + 46 + nameLength);
    let filename = decodeName(rawName, (flags & 0x800) !== 0);
    // extra fields: ZIP64 sizes and offset, a Unicode Path
    for (let e = p + 46 + nameLength; e + 4 <= p + 46 + nameLength + extraLength;) {
      const id = view.getUint16(e, true);
      const length = view.getUint16(e + 2, true);
      const body = e + 4;
      if (body + length > p + 46 + nameLength + extraLength) break;
      if (id === 0x0001) {
        let q = body;
        const take = (): number => {
          if (q + 8 > body + length) fail("short ZIP64 extra field");
          const v = Number(view.getBigUint64(q, true));
          q += 8;
          return v;
        };
        if (uncompressedSize === MAX32) uncompressedSize = take();
        if (compressedSize === MAX32) compressedSize = take();
        if (offset === MAX32) offset = take();
      } else if (id === 0x7075 && length >= 5 && data[body] === 1) {
        if (view.getUint32(body + 1, true) === crc32(rawName))
          filename = UTF8.decode(data.subarray(body + 5, body + length));
      }
      e = body + length;
    }
    const dosDirectory = versionMadeBy >> 8 === 0 && (external & 0x10) !== 0;
    const unixDirectory = ((external >>> 16) & 0o170000) === 0o040000;
    entries.push({
      filename,
      directory: dosDirectory || unixDirectory || filename.endsWith("/"),
      encrypted: (flags & 1) !== 0,
      offset,
      compressedSize,
      uncompressedSize,
      compressionMethod: method,
      crc32: crc,
      versionMadeBy,
      externalFileAttributes: external,
      record: data.subarray(p, next),
    });
    p = next;
  }
  return entries;
}

/** MS-DOS time and date of `d` (local time, as zip tools write it). */
function dosTime(d: Date): [number, number] {
  const year = Math.min(Math.max(d.getFullYear(), 1980), 2107);
  return [
    (d.getHours() << 11) | (d.getMinutes() << 5) | (d.getSeconds() >> 1),
    ((year - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate(),
  ];
}

/** A zip being written: local headers and data as they come, the central directory at the end. */
export class ZipOutput {
  private readonly chunks: Uint8Array[] = [];
  private readonly central: Uint8Array[] = [];
  private at = 0;
  private count = 0;
  private readonly time: number;
  private readonly date: number;

  constructor(now: Date) {
    [this.time, this.date] = dosTime(now);
  }

  private push(chunk: Uint8Array): void {
    this.chunks.push(chunk);
    this.at += chunk.length;
  }

  /** A local header for the directory record `record` (46 bytes, name, extra field, comment). */
  private local(record: Uint8Array, data: Uint8Array): void {
    const r = new DataView(record.buffer, record.byteOffset, record.byteLength);
    const nameLength = r.getUint16(28, true);
    const extraLength = r.getUint16(30, true);
    const header = Buffer.alloc(30);
    header.writeUInt32LE(LOCAL, 0);
    header.writeUInt16LE(r.getUint16(6, true), 4); // version needed
    header.writeUInt16LE(r.getUint16(8, true), 6); // flags
    header.writeUInt16LE(r.getUint16(10, true), 8); // method
    header.writeUInt16LE(r.getUint16(12, true), 10); // time
    header.writeUInt16LE(r.getUint16(14, true), 12); // date
    header.writeUInt32LE(r.getUint32(16, true), 14); // crc
    header.writeUInt32LE(r.getUint32(20, true), 18); // compressed size
    header.writeUInt32LE(r.getUint32(24, true), 22); // uncompressed size
    header.writeUInt16LE(nameLength, 26);
    header.writeUInt16LE(extraLength, 28);
    this.push(header);
    this.push(record.subarray(46, 46 + nameLength + extraLength));
    this.push(data);
  }

  private record(record: Uint8Array, offset: number): void {
    if (offset >= MAX32) throw new Error("the copy is too large for a zip without ZIP64 offsets");
    const copy = Buffer.from(record);
    copy.writeUInt32LE(offset, 42);
    this.central.push(copy);
    this.count++;
  }

  /** An input entry with its compressed bytes `raw`, its directory record as it was but for the
   *  offset (no data descriptor, no ZIP64 extra: the sizes are in the record). */
  copy(entry: ZipEntry, raw: Uint8Array): void {
    const source = entry.record;
    const s = new DataView(source.buffer, source.byteOffset, source.byteLength);
    const nameLength = s.getUint16(28, true);
    const extraLength = s.getUint16(30, true);
    const commentLength = s.getUint16(32, true);
    // the extra field without its ZIP64 field (the sizes and offset go in the record itself)
    const extra: Uint8Array[] = [];
    let extraSize = 0;
    for (let e = 46 + nameLength; e + 4 <= 46 + nameLength + extraLength;) {
      const length = s.getUint16(e + 2, true);
      const end = Math.min(e + 4 + length, 46 + nameLength + extraLength);
      if (s.getUint16(e, true) !== 0x0001) {
        extra.push(source.subarray(e, end));
        extraSize += end - e;
      }
      e = end;
    }
    if (entry.compressedSize >= MAX32 || entry.uncompressedSize >= MAX32)
      throw new Error("a part too large for a zip without ZIP64 sizes");
    const record = Buffer.alloc(46 + nameLength + extraSize + commentLength);
    Buffer.from(source.subarray(0, 46)).copy(record, 0);
    record.writeUInt16LE(s.getUint16(8, true) & ~0x8, 8); // no data descriptor
    record.writeUInt32LE(entry.crc32 >>> 0, 16);
    record.writeUInt32LE(entry.compressedSize, 20);
    record.writeUInt32LE(entry.uncompressedSize, 24);
    record.writeUInt16LE(extraSize, 30);
    record.writeUInt16LE(0, 34); // disk
    let q = 46;
    Buffer.from(source.subarray(46, 46 + nameLength)).copy(record, q);
    q += nameLength;
    for (const part of extra) {
      Buffer.from(part).copy(record, q);
      q += part.length;
    }
    Buffer.from(
      source.subarray(46 + nameLength + extraLength, 46 + nameLength + extraLength + commentLength),
    ).copy(record, q);
    const offset = this.at;
    this.local(record, raw);
    this.record(record, offset);
  }

  /** A new entry `name` holding `data` (compressed by `method`: 0 stored, 8 deflated). */
  add(
    name: string,
    data: Uint8Array,
    info: { method: number; crc32: number; uncompressedSize: number },
  ): void {
    const rawName = Buffer.from(name, "utf8");
    const unicode = rawName.some((b) => b > 0x7f);
    const record = Buffer.alloc(46 + rawName.length);
    record.writeUInt32LE(CENTRAL, 0);
    record.writeUInt16LE(20, 4); // made by: MS-DOS, 2.0
    record.writeUInt16LE(20, 6); // needed: 2.0 (deflate)
    record.writeUInt16LE(unicode ? 0x800 : 0, 8);
    record.writeUInt16LE(info.method, 10);
    record.writeUInt16LE(this.time, 12);
    record.writeUInt16LE(this.date, 14);
    record.writeUInt32LE(info.crc32 >>> 0, 16);
    record.writeUInt32LE(data.length, 20);
    record.writeUInt32LE(info.uncompressedSize, 24);
    record.writeUInt16LE(rawName.length, 28);
    rawName.copy(record, 46);
    const offset = this.at;
    this.local(record, data);
    this.record(record, offset);
  }

  /** The zip's bytes. */
  finish(): Uint8Array {
    const start = this.at;
    let size = 0;
    for (const r of this.central) size += r.length;
    const tail: Uint8Array[] = [...this.central];
    const wide = this.count >= MAX16 || start >= MAX32;
    if (wide) {
      const record = Buffer.alloc(56);
      record.writeUInt32LE(END64, 0);
      record.writeBigUInt64LE(44n, 4);
      record.writeUInt16LE(45, 12);
      record.writeUInt16LE(45, 14);
      record.writeBigUInt64LE(BigInt(this.count), 24);
      record.writeBigUInt64LE(BigInt(this.count), 32);
      record.writeBigUInt64LE(BigInt(size), 40);
      record.writeBigUInt64LE(BigInt(start), 48);
      const locator = Buffer.alloc(20);
      locator.writeUInt32LE(END64_LOCATOR, 0);
      locator.writeBigUInt64LE(BigInt(start + size), 8);
      locator.writeUInt32LE(1, 16);
      tail.push(record, locator);
    }
    const end = Buffer.alloc(22);
    end.writeUInt32LE(END, 0);
    end.writeUInt16LE(Math.min(this.count, MAX16), 8);
    end.writeUInt16LE(Math.min(this.count, MAX16), 10);
    end.writeUInt32LE(Math.min(size, MAX32), 12);
    end.writeUInt32LE(Math.min(start, MAX32), 16);
    tail.push(end);
    return Buffer.concat([...this.chunks, ...tail]);
  }
}
