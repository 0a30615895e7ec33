// zipfile, tarfile and gzip across implementations: archives pyts writes are read by CPython
// (and are byte-identical to CPython's where nothing depends on the deflate implementation:
// stored zips, plain tars in every format), and archives CPython writes are read by pyts with
// the same listing CPython gives.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runPyts } from "../../support/fixtures.js";

const WRITE = `
import gzip
import io
import os
import sys
import tarfile
import zipfile

out = sys.argv[1]
MEMBERS = [("a.txt", b"alpha\\n" * 100), ("dir/b.bin", bytes(range(256)) * 10), ("\\u00fc.txt", "unicode".encode()), ("empty/", b"")]
for name, compression in (("stored.zip", zipfile.ZIP_STORED), ("deflated.zip", zipfile.ZIP_DEFLATED)):
    with zipfile.ZipFile(os.path.join(out, name), "w", compression) as zf:
        for i, (member, data) in enumerate(MEMBERS):
            info = zipfile.ZipInfo(member, (2020, 1, 1 + i, 10, 20, 30))
            info.external_attr = (0o40755 << 16) | 0x10 if member.endswith("/") else 0o644 << 16
            zf.writestr(info, data, compress_type=compression)
        zf.comment = b"made for the test"
for fmt, name in ((tarfile.USTAR_FORMAT, "ustar.tar"), (tarfile.GNU_FORMAT, "gnu.tar"), (tarfile.PAX_FORMAT, "pax.tar")):
    with tarfile.open(os.path.join(out, name), "w", format=fmt) as tar:
        for i, (member, data) in enumerate(MEMBERS + [("deep/" + "n" * 80 + "/" + "m" * 80 + ".txt", b"deep")]):
            if fmt == tarfile.USTAR_FORMAT and not member.isascii():
                continue
            info = tarfile.TarInfo(member.rstrip("/"))
            info.mtime = 1577836800 + i * 3600
            info.uid, info.gid, info.uname, info.gname = 1000 + i, 100, "user", "group"
            if member.endswith("/"):
                info.type = tarfile.DIRTYPE
                info.mode = 0o755
                tar.addfile(info)
            else:
                info.size = len(data)
                tar.addfile(info, io.BytesIO(data))
        link = tarfile.TarInfo("link-to-a")
        link.type = tarfile.SYMTYPE
        link.linkname = "a.txt"
        tar.addfile(link)
with open(os.path.join(out, "ustar.tar"), "rb") as f:
    raw = f.read()
with gzip.open(os.path.join(out, "ustar.tar.gz"), "wb") as f:
    f.write(raw)
with tarfile.open(os.path.join(out, "w.tar.gz"), "w:gz") as tar:
    info = tarfile.TarInfo("inside.txt")
    info.size = 6
    tar.addfile(info, io.BytesIO(b"inside"))
`;

const READ = `
import gzip
import os
import sys
import tarfile
import zipfile
import zlib

src = sys.argv[1]
for name in ("stored.zip", "deflated.zip"):
    with zipfile.ZipFile(os.path.join(src, name)) as zf:
        print(name, zf.comment, zf.testzip())
        for info in zf.infolist():
            data = zf.read(info)
            size = info.compress_size if info.compress_type == zipfile.ZIP_STORED else "-"
            print(" ", info.filename, info.date_time, info.compress_type, info.file_size, size, hex(info.CRC), oct(info.external_attr >> 16), info.flag_bits, zlib.crc32(data), info.is_dir())
for name in ("ustar.tar", "gnu.tar", "pax.tar", "ustar.tar.gz", "w.tar.gz"):
    with tarfile.open(os.path.join(src, name)) as tar:
        print(name)
        for m in tar:
            f = tar.extractfile(m)
            data = f.read() if f is not None else None
            print(" ", m.name, m.size, m.mtime, oct(m.mode), m.type, m.uid, m.gid, m.uname, m.gname, m.linkname, sorted(m.pax_headers), data if data is None else zlib.crc32(data))
with gzip.open(os.path.join(src, "ustar.tar.gz")) as f:
    print(len(f.read()))
`;

let dir: string;
const write = (impl: "pyts" | "python3", out: string): Promise<{ status: number | null; stderr: string }> => {
  const file = path.join(dir, "write_archives.py");
  fs.mkdirSync(out, { recursive: true });
  if (impl === "pyts") return runPyts(["run", "--no-cache", file, out]);
  const r = spawnSync("python3", [file, out], { encoding: "utf8" });
  return Promise.resolve({ status: r.status, stderr: r.stderr });
};
const read = async (impl: "pyts" | "python3", src: string): Promise<string> => {
  const file = path.join(dir, "read_archives.py");
  if (impl === "pyts") {
    const r = await runPyts(["run", "--no-cache", file, src]);
    expect(r.stderr).toBe("");
    return r.stdout;
  }
  const r = spawnSync("python3", [file, src], { encoding: "utf8" });
  expect(r.stderr).toBe("");
  return r.stdout;
};

describe("archives across pyts and CPython", () => {
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "pyts-archives-"));
    fs.writeFileSync(path.join(dir, "write_archives.py"), WRITE);
    fs.writeFileSync(path.join(dir, "read_archives.py"), READ);
    const a = await write("pyts", path.join(dir, "pyts"));
    expect(a.stderr).toBe("");
    expect(a.status).toBe(0);
    const b = await write("python3", path.join(dir, "cpython"));
    expect(b.status).toBe(0);
  }, 120_000);
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("writes stored zips and plain tars byte for byte as CPython does", () => {
    for (const name of ["stored.zip", "ustar.tar", "gnu.tar", "pax.tar"]) {
      const ours = fs.readFileSync(path.join(dir, "pyts", name));
      const theirs = fs.readFileSync(path.join(dir, "cpython", name));
      expect(ours.length, name).toBe(theirs.length);
      expect(ours.equals(theirs), name).toBe(true);
    }
  });

  it("writes archives CPython reads with the listing of its own", { timeout: 60_000 }, async () => {
    const theirs = await read("python3", path.join(dir, "cpython"));
    expect(await read("python3", path.join(dir, "pyts"))).toBe(theirs);
  });

  it("reads archives CPython wrote as CPython does", { timeout: 60_000 }, async () => {
    const theirs = await read("python3", path.join(dir, "cpython"));
    expect(theirs).toContain("pax.tar");
    expect(await read("pyts", path.join(dir, "cpython"))).toBe(theirs);
  });
});
