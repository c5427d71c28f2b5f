/**
 * The package's zip structures (src/host/xlsx/zip): the central directory read as @zip.js/zip.js reads
 * it — names (UTF-8 flagged, CP437 otherwise), folders, sizes and CRCs, ZIP64 records, data
 * descriptors — and a copy whose entries keep their compressed bytes and directory records.
 */
import * as zlib from "node:zlib";
import JSZip from "jszip";
import {
  Uint8ArrayReader,
  Uint8ArrayWriter,
  ZipReader,
  ZipWriter,
  type Entry,
  type FileEntry,
} from "@zip.js/zip.js";
import { crc32, readZipDirectory, ZipOutput } from "../../src/host/xlsx/zip";

async function theirs(data: Uint8Array): Promise<Entry[]> {
  return new ZipReader(new Uint8ArrayReader(data)).getEntries();
}

const pick = (e: {
  filename: string;
  directory: boolean;
  compressedSize: number;
  uncompressedSize: number;
  compressionMethod: number;
  crc32?: number;
  externalFileAttributes: number;
  versionMadeBy: number;
}) => ({
  name: e.filename,
  directory: e.directory,
  sizes: [e.compressedSize, e.uncompressedSize],
  method: e.compressionMethod,
  crc: (e.crc32 ?? 0) >>> 0,
  external: e.externalFileAttributes,
  madeBy: e.versionMadeBy,
});

/** Every entry of `data` copied through ZipOutput. */
function copied(data: Uint8Array): Uint8Array {
  const out = new ZipOutput(new Date(2026, 0, 2, 3, 4, 6));
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  for (const e of readZipDirectory(data)) {
    const start = e.offset + 30 + view.getUint16(e.offset + 26, true) + view.getUint16(e.offset + 28, true);
    out.copy(e, data.subarray(start, start + e.compressedSize));
  }
  return out.finish();
}

async function jszip(): Promise<Uint8Array> {
  const zip = new JSZip();
  const date = new Date(2024, 4, 6, 10, 20, 30);
  zip.file("[Content_Types].xml", "<Types/>", { date, comment: "types" });
  zip.file("xl/", null, { dir: true, date, unixPermissions: 0o40750, createFolders: false });
  zip.file("xl/工作表.xml", "<worksheet>中文</worksheet>".repeat(50), { date, createFolders: false });
  zip.file("docProps/app.xml", "<Properties/>", { date, compression: "STORE", createFolders: false });
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE", platform: "UNIX" });
}

describe("readZipDirectory", () => {
  it("reads what zip.js reads: names, folders, sizes, methods, CRCs, attributes", async () => {
    const data = await jszip();
    expect(readZipDirectory(data).map(pick)).toEqual((await theirs(data)).map(pick));
  });

  it("reads ZIP64 end records and extra fields, and entries written with data descriptors", async () => {
    const writer = new ZipWriter(new Uint8ArrayWriter(), { zip64: true, dataDescriptor: true });
    await writer.add("a.xml", new Uint8ArrayReader(new TextEncoder().encode("<a/>".repeat(100))));
    await writer.add("b/", undefined, { directory: true });
    const data = await writer.close();
    const ours = readZipDirectory(data);
    expect(ours.map(pick)).toEqual((await theirs(data)).map(pick));
    expect(ours[0].uncompressedSize).toBe(400);
  });

  it("takes a name without the UTF-8 flag that is not UTF-8 as CP437", async () => {
    const out = new ZipOutput(new Date());
    const body = Buffer.from("<x/>");
    out.add("AB.xml", body, { method: 0, crc32: crc32(body), uncompressedSize: body.length });
    const data = Buffer.from(out.finish());
    // "AB" → 0x80 0x81 in both headers (a continuation byte first: not UTF-8)
    for (let at = data.indexOf("AB.xml"); at >= 0; at = data.indexOf("AB.xml", at + 1)) {
      data[at] = 0x80;
      data[at + 1] = 0x81;
    }
    expect(readZipDirectory(data)[0].filename).toBe("Çü.xml");
    expect((await theirs(data))[0].filename).toBe("Çü.xml");
  });

  it("refuses what is no zip, or a zip cut short", async () => {
    expect(() => readZipDirectory(Buffer.from("not a zip at all, just some text"))).toThrow();
    const data = await jszip();
    expect(() => readZipDirectory(data.subarray(0, data.length - 30))).toThrow();
  });
});

describe("ZipOutput", () => {
  it("copies entries with their bytes and records (no data descriptor), readable by zip.js", async () => {
    const writer = new ZipWriter(new Uint8ArrayWriter(), { dataDescriptor: true });
    await writer.add("a.xml", new Uint8ArrayReader(new TextEncoder().encode("<a/>".repeat(100))));
    const inputs = [await jszip(), await writer.close()];
    for (const input of inputs) {
      const copy = copied(input);
      const [before, after] = [await theirs(input), await theirs(copy)];
      expect(after.map(pick)).toEqual(before.map(pick));
      expect(after.map((e) => [e.lastModDate.getTime(), e.comment])).toEqual(
        before.map((e) => [e.lastModDate.getTime(), e.comment]),
      );
      for (const [i, e] of after.entries()) {
        if (e.directory) continue;
        const text = (x: Entry) => (x as FileEntry).getData(new Uint8ArrayWriter());
        expect(Buffer.from(await text(e))).toEqual(Buffer.from(await text(before[i])));
      }
      // no entry of the copy has a data descriptor
      expect(readZipDirectory(copy).every((e) => (e.record[8] & 0x8) === 0)).toBe(true);
    }
  });

  it("adds new entries deflated or stored, dated, with a UTF-8 name flagged", async () => {
    const text = Buffer.from("<worksheet/>".repeat(100));
    const deflated = zlib.deflateRawSync(text);
    const out = new ZipOutput(new Date(2026, 11, 6, 22, 10, 30));
    out.add("xl/worksheets/sheet9.xml", deflated, {
      method: 8,
      crc32: crc32(text),
      uncompressedSize: text.length,
    });
    out.add("名字.txt", Buffer.from("x"), { method: 0, crc32: crc32(Buffer.from("x")), uncompressedSize: 1 });
    const entries = await theirs(out.finish());
    expect(entries.map((e) => e.filename)).toEqual(["xl/worksheets/sheet9.xml", "名字.txt"]);
    expect(entries[0].lastModDate).toEqual(new Date(2026, 11, 6, 22, 10, 30));
    expect(Buffer.from(await (entries[0] as FileEntry).getData(new Uint8ArrayWriter()))).toEqual(text);
    expect(Buffer.from(await (entries[1] as FileEntry).getData(new Uint8ArrayWriter())).toString()).toBe("x");
  });
});
