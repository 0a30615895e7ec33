// shutil's archive functions as CPython 3.11.7 has them: make_archive (tar, gztar, zip and
// registered formats; root_dir/base_dir; owner/group for tar), unpack_archive (by format or
// file extension, `filter` passed to tarfile), and the format registries. bztar/xztar are not
// registered: pyts has no bz2/lzma.

import { nodeProcess } from "../core/host.js";
import { Exception, KeyError, NotADirectoryError, OSError, PyTypeError, ValueError } from "../values/exceptions.js";
import { kw, splitKw } from "../values/kwargs.js";
import { Tuple } from "../values/tuple.js";
import { fsCall } from "../lang/os-errors.js";
import { fs, idByName } from "./archive-io.js";
import { callValue } from "./pycall.js";
import { cwd, fspath, pathModule } from "./os-path.js";
import { standardModule } from "./module-object.js";
import type { TarFile } from "./tarfile.js";
import type { ZipFile } from "./zipfile.js";

/** shutil.ReadError (an OSError) and shutil.RegistryError. */
export class ReadError extends OSError {
  static readonly __module__: string = "shutil";
}
export class RegistryError extends Exception {
  static readonly __module__: string = "shutil";
}

// tarfile and zipfile load when an archive function first runs (as CPython imports them late),
// not with shutil.
const tarfileModule = (): { open(...a: unknown[]): unknown; TarError: abstract new (...a: never[]) => unknown } => standardModule("tarfile") as never;
const zipfileModule = (): { ZipFile: unknown; is_zipfile(f: unknown): boolean } => standardModule("zipfile") as never;
const ZIP_DEFLATED = 8;
function newZipFile(...args: unknown[]): ZipFile {
  const cls = zipfileModule().ZipFile as new (...a: unknown[]) => ZipFile;
  return new cls(...args);
}

const P = pathModule as unknown as Record<string, (...a: unknown[]) => unknown>;
const join = (...parts: string[]): string => P["join"]!(...parts) as string;
const isCallable = (f: unknown): boolean => typeof f === "function" || (f !== null && typeof f === "object" && typeof (f as { __call__?: unknown }).__call__ === "function");

function makeTarball(...args: unknown[]): string {
  const [pos, kws] = splitKw(args);
  const baseName = String(pos[0]);
  let baseDir = String(pos[1]);
  const compress = "compress" in kws ? kws["compress"] : "gzip";
  const dryRun = kws["dry_run"] !== undefined && kws["dry_run"] !== 0n && kws["dry_run"] !== false;
  const owner = (kws["owner"] ?? null) as string | null;
  const group = (kws["group"] ?? null) as string | null;
  const rootDir = (kws["root_dir"] ?? null) as string | null;
  let comp: string;
  if (compress === null) comp = "";
  else if (compress === "gzip") comp = "gz";
  else throw new ValueError(`bad value for 'compress', or compression format not supported : ${String(compress)}`);
  let archiveName = baseName + ".tar" + (compress !== null ? "." + comp : "");
  const archiveDir = P["dirname"]!(archiveName) as string;
  if (archiveDir && !P["exists"]!(archiveDir) && !dryRun) fsCall(() => fs().mkdirSync(archiveDir, { recursive: true }), archiveDir);
  const uid = owner === null ? null : idByName("/etc/passwd", owner);
  const gid = group === null ? null : idByName("/etc/group", group);
  const setUidGid = (tarinfo: { uid: bigint | null; gid: bigint | null; uname: string | null; gname: string | null }): unknown => {
    if (gid !== null) {
      tarinfo.gid = BigInt(gid);
      tarinfo.gname = group;
    }
    if (uid !== null) {
      tarinfo.uid = BigInt(uid);
      tarinfo.uname = owner;
    }
    return tarinfo;
  };
  if (!dryRun) {
    const tar = tarfileModule().open(archiveName, `w|${comp}`) as TarFile;
    const arcname = baseDir;
    if (rootDir !== null) baseDir = join(rootDir, baseDir);
    try {
      tar.add(baseDir, arcname, kw({ filter: setUidGid }));
    } finally {
      tar.close();
    }
  }
  if (rootDir !== null) archiveName = P["abspath"]!(archiveName) as string;
  return archiveName;
}

function makeZipfile(...args: unknown[]): string {
  const [pos, kws] = splitKw(args);
  const baseName = String(pos[0]);
  let baseDir = String(pos[1]);
  const dryRun = kws["dry_run"] !== undefined && kws["dry_run"] !== 0n && kws["dry_run"] !== false;
  const rootDir = (kws["root_dir"] ?? null) as string | null;
  let zipName = baseName + ".zip";
  const archiveDir = P["dirname"]!(baseName) as string;
  if (archiveDir && !P["exists"]!(archiveDir) && !dryRun) fsCall(() => fs().mkdirSync(archiveDir, { recursive: true }), archiveDir);
  if (!dryRun) {
    const zf = newZipFile(zipName, "w", kw({ compression: BigInt(ZIP_DEFLATED) }));
    try {
      let arcname = P["normpath"]!(baseDir) as string;
      if (rootDir !== null) baseDir = join(rootDir, baseDir);
      baseDir = P["normpath"]!(baseDir) as string;
      if (arcname !== ".") zf.write(baseDir, arcname);
      const walk = (dirpath: string): void => {
        const entries = fsCall(() => fs().readdirSync(dirpath, { withFileTypes: true }), dirpath);
        let arcdir = dirpath;
        if (rootDir !== null) arcdir = P["relpath"]!(arcdir, rootDir) as string;
        arcdir = P["normpath"]!(arcdir) as string;
        const dirs = entries.filter((e) => e.isDirectory()).map((e) => e.name);
        const files = entries.filter((e) => !e.isDirectory()).map((e) => e.name);
        for (const name of [...dirs].sort()) {
          arcname = join(arcdir, name);
          zf.write(join(dirpath, name), arcname);
        }
        for (const name of files) {
          const path = P["normpath"]!(join(dirpath, name)) as string;
          if (P["isfile"]!(path)) zf.write(path, join(arcdir, name));
        }
        for (const name of dirs) walk(join(dirpath, name));
      };
      walk(baseDir);
    } finally {
      zf.close();
    }
  }
  if (rootDir !== null) zipName = P["abspath"]!(zipName) as string;
  return zipName;
}

type ArchiveFormat = [unknown, unknown[], string, boolean];
const ARCHIVE_FORMATS = new Map<string, ArchiveFormat>([
  ["tar", [makeTarball, [Tuple.of("compress", null)], "uncompressed tar file", true]],
  ["gztar", [makeTarball, [Tuple.of("compress", "gzip")], "gzip'ed tar-file", true]],
  ["zip", [makeZipfile, [], "ZIP file", true]],
]);

function pairs(extra: unknown): Array<[string, unknown]> {
  const items = extra instanceof Tuple ? [...extra.items] : (extra as unknown[]);
  return items.map((e) => {
    const two = e instanceof Tuple ? [...e.items] : (e as unknown[]);
    return [String(two[0]), two[1]];
  });
}

function get_archive_formats(): Tuple[] {
  return [...ARCHIVE_FORMATS.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([name, info]) => Tuple.of(name, info[2]));
}

function register_archive_format(...args: unknown[]): null {
  const [pos, kws] = splitKw(args);
  const name = String(pos[0] ?? kws["name"]);
  const fn = pos[1] ?? kws["function"];
  const extra = pos[2] ?? kws["extra_args"] ?? [];
  const description = String(pos[3] ?? kws["description"] ?? "");
  if (!isCallable(fn)) throw new PyTypeError(`The ${String(fn)} object is not callable`);
  if (!Array.isArray(extra) && !(extra instanceof Tuple)) throw new PyTypeError("extra_args needs to be a sequence");
  for (const e of extra instanceof Tuple ? extra.items : extra) {
    const len = e instanceof Tuple ? e.length : Array.isArray(e) ? e.length : -1;
    if (len !== 2) throw new PyTypeError("extra_args elements are : (arg_name, value)");
  }
  ARCHIVE_FORMATS.set(name, [fn, extra instanceof Tuple ? [...extra.items] : extra, description, false]);
  return null;
}

function unregister_archive_format(name: unknown): null {
  if (!ARCHIVE_FORMATS.delete(String(name))) throw new KeyError(name);
  return null;
}

function make_archive(...args: unknown[]): unknown {
  const [pos, kws] = splitKw(args);
  const names = ["base_name", "format", "root_dir", "base_dir", "verbose", "dry_run", "owner", "group", "logger"];
  const arg = (i: number): unknown => (i < pos.length ? pos[i] : (kws[names[i]!] ?? null));
  let baseName: unknown = arg(0);
  const format = String(arg(1));
  const rootDir = arg(2);
  const info = ARCHIVE_FORMATS.get(format);
  if (info === undefined) throw new ValueError(`unknown archive format '${format}'`);
  const kwargs: Record<string, unknown> = { dry_run: arg(5) ?? 0n, logger: arg(8), owner: arg(6), group: arg(7) };
  for (const [k, v] of pairs(info[1])) kwargs[k] = v;
  const baseDir = arg(3) ?? ".";
  let saveCwd: string | null = null;
  if (rootDir !== null) {
    const root = fspath(rootDir);
    const st = fsCall(() => fs().statSync(root), root);
    if (!st.isDirectory()) throw new NotADirectoryError(20n, "Not a directory", root);
    if (info[3]) {
      baseName = fspath(baseName);
      kwargs["root_dir"] = rootDir;
    } else {
      saveCwd = cwd();
      baseName = P["abspath"]!(baseName);
      if (!kwargs["dry_run"]) nodeProcess()!.chdir(root);
    }
  }
  try {
    return callValue(info[0], baseName, baseDir, kw(kwargs));
  } finally {
    if (saveCwd !== null) nodeProcess()!.chdir(saveCwd);
  }
}

function unpackZipfile(filename: unknown, extractDir: unknown): null {
  const name = String(filename);
  if (!zipfileModule().is_zipfile(name)) throw new ReadError(`${name} is not a zip file`);
  const zip = newZipFile(name);
  try {
    for (const info of zip.infolist()) {
      const member = info.filename;
      if (member.startsWith("/") || member.includes("..")) continue;
      const targetpath = join(String(extractDir), ...member.split("/"));
      if (!targetpath) continue;
      const dir = P["dirname"]!(targetpath) as string;
      if (!P["isdir"]!(dir)) fsCall(() => fs().mkdirSync(dir, { recursive: true }), dir);
      if (!member.endsWith("/")) {
        const data = zip.read(member);
        fsCall(() => fs().writeFileSync(targetpath, data), targetpath);
      }
    }
  } finally {
    zip.close();
  }
  return null;
}

function unpackTarfile(...args: unknown[]): null {
  const [pos, kws] = splitKw(args);
  const filename = pos[0];
  let tar: TarFile;
  try {
    tar = tarfileModule().open(filename) as TarFile;
  } catch (e) {
    if (e instanceof tarfileModule().TarError) throw new ReadError(`${String(filename)} is not a compressed or uncompressed tar file`);
    throw e;
  }
  try {
    tar.extractall(pos[1], kw({ filter: kws["filter"] ?? null }));
  } finally {
    tar.close();
  }
  return null;
}

type UnpackFormat = [string[], unknown, unknown[], string];
const UNPACK_FORMATS = new Map<string, UnpackFormat>([
  ["tar", [[".tar"], unpackTarfile, [], "uncompressed tar file"]],
  ["zip", [[".zip"], unpackZipfile, [], "ZIP file"]],
  ["gztar", [[".tar.gz", ".tgz"], unpackTarfile, [], "gzip'ed tar-file"]],
]);

function get_unpack_formats(): Tuple[] {
  return [...UNPACK_FORMATS.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([name, info]) => Tuple.of(name, [...info[0]], info[3]));
}

function register_unpack_format(...args: unknown[]): null {
  const [pos, kws] = splitKw(args);
  const name = String(pos[0] ?? kws["name"]);
  const extensions = [...((pos[1] ?? kws["extensions"]) as Iterable<string>)];
  const fn = pos[2] ?? kws["function"];
  const extra = pos[3] ?? kws["extra_args"] ?? [];
  const description = String(pos[4] ?? kws["description"] ?? "");
  const existing = new Map<string, string>();
  for (const [n, info] of UNPACK_FORMATS) for (const ext of info[0]) existing.set(ext, n);
  for (const ext of extensions) if (existing.has(ext)) throw new RegistryError(`${ext} is already registered for "${existing.get(ext)}"`);
  if (!isCallable(fn)) throw new PyTypeError("The registered function must be a callable");
  UNPACK_FORMATS.set(name, [extensions, fn, extra instanceof Tuple ? [...extra.items] : (extra as unknown[]), description]);
  return null;
}

function unregister_unpack_format(name: unknown): null {
  if (!UNPACK_FORMATS.delete(String(name))) throw new KeyError(name);
  return null;
}

function unpack_archive(...args: unknown[]): null {
  const [pos, kws] = splitKw(args);
  const filename = fspath(pos[0] ?? kws["filename"]);
  const extractDir = fspath(pos[1] ?? kws["extract_dir"] ?? cwd());
  let format = (pos[2] ?? kws["format"] ?? null) as string | null;
  const filter = kws["filter"] ?? null;
  const filterKw: Record<string, unknown> = filter === null ? {} : { filter };
  if (format !== null) {
    const info = UNPACK_FORMATS.get(format);
    if (info === undefined) throw new ValueError(`Unknown unpack format '${format}'`);
    callValue(info[1], filename, extractDir, kw({ ...Object.fromEntries(pairs(info[2])), ...filterKw }));
    return null;
  }
  for (const [name, info] of UNPACK_FORMATS) {
    if (info[0].some((ext) => filename.endsWith(ext))) {
      format = name;
      break;
    }
  }
  if (format === null) throw new ReadError(`Unknown archive format '${filename}'`);
  const info = UNPACK_FORMATS.get(format)!;
  callValue(info[1], filename, extractDir, kw({ ...Object.fromEntries(pairs(info[2])), ...filterKw }));
  return null;
}

export const archiveFunctions = {
  ReadError,
  RegistryError,
  make_archive,
  unpack_archive,
  get_archive_formats,
  get_unpack_formats,
  register_archive_format,
  unregister_archive_format,
  register_unpack_format,
  unregister_unpack_format,
};
