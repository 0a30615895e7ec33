// tarfile.open and its openers as CPython's TarFile.open dispatches them: 'r'/'r:*' tries
// gz, bz2, xz then plain tar (CPython's combined ReadError when none fits), 'mode:comp' and
// 'mode|comp' (the stream modes behave as the ':' ones here), gzip through gzip.GzipFile;
// bz2 and xz are refused with CompressionError (a file that is not of that kind gives the
// ReadError CPython gives). And is_tarfile.

import { OSError, ValueError } from "../values/exceptions.js";
import { kw, splitKw } from "../values/kwargs.js";
import { repr } from "../values/repr.js";
import { fsCall } from "../lang/os-errors.js";
import { fs, latin1, read, seek, tell } from "./archive-io.js";
import { GzipFile } from "./gzip.js";
import { fspath } from "./os-path.js";
import { CompressionError, ReadError, TarError } from "./tarfile-info.js";
import { TarFile, TarFileClass } from "./tarfile.js";

/** The keywords TarFile takes besides name, mode and fileobj. */
function rest(kws: Record<string, unknown>, drop: string[]): unknown[] {
  const keep: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(kws)) if (!drop.includes(k)) keep[k] = v;
  return Object.keys(keep).length > 0 ? [kw(keep)] : [];
}

export function gzopen(...args: unknown[]): TarFile {
  const [pos, kws] = splitKw(args);
  const name = pos[0] ?? kws["name"] ?? null;
  const mode = (pos[1] ?? kws["mode"] ?? "r") as string;
  const fileobj = pos[2] ?? kws["fileobj"] ?? null;
  const level = pos[3] ?? kws["compresslevel"] ?? 9n;
  if (!["r", "w", "x"].includes(mode)) throw new ValueError("mode must be 'r', 'w' or 'x'");
  let gz: GzipFile;
  try {
    gz = new GzipFile(name, mode + "b", level, fileobj);
  } catch (e) {
    if (e instanceof OSError && fileobj !== null && mode === "r") throw new ReadError("not a gzip file");
    throw e;
  }
  let t: TarFile;
  try {
    t = new TarFileClass(name, mode, gz, ...rest(kws, ["name", "mode", "fileobj", "compresslevel"]));
  } catch (e) {
    gz.close();
    if (mode === "r" && e instanceof OSError) throw new ReadError("not a gzip file");
    throw e;
  }
  t.extfileobj = false;
  return t;
}

/** bz2/xz: refused; a file that is not of that kind is the ReadError CPython's open gives. */
export function unsupportedOpen(kind: "bz2" | "xz") {
  return (...args: unknown[]): TarFile => {
    const [pos, kws] = splitKw(args);
    const name = pos[0] ?? kws["name"] ?? null;
    const mode = (pos[1] ?? kws["mode"] ?? "r") as string;
    const fileobj = pos[2] ?? kws["fileobj"] ?? null;
    if (!["r", "w", "x"].includes(mode)) throw new ValueError("mode must be 'r', 'w' or 'x'");
    const module = kind === "bz2" ? "bz2" : "lzma";
    if (mode !== "r") throw new CompressionError(`${module} module is not available`);
    let head: Uint8Array;
    if (fileobj !== null) {
      const at = tell(fileobj);
      head = read(fileobj, 6);
      seek(fileobj, at);
    } else {
      const path = fspath(name);
      head = fsCall(() => fs().readFileSync(path), path).subarray(0, 6);
    }
    const magic = latin1(head);
    const matches = kind === "bz2" ? magic.startsWith("BZh") : magic === "\xfd7zXZ\0";
    if (matches) throw new CompressionError(`${module} module is not available`);
    throw new ReadError(kind === "bz2" ? "not a bzip2 file" : "not an lzma file");
  };
}

const OPEN_METH: Record<string, (...args: unknown[]) => TarFile> = {
  tar: (...args) => TarFile.taropen(...args),
  gz: gzopen,
  bz2: unsupportedOpen("bz2"),
  xz: unsupportedOpen("xz"),
};

export function openTar(...args: unknown[]): TarFile {
  const [pos, kws] = splitKw(args);
  const name = pos[0] ?? kws["name"] ?? null;
  const mode = (pos[1] ?? kws["mode"] ?? "r") as string;
  const fileobj = pos[2] ?? kws["fileobj"] ?? null;
  const extra = rest(kws, ["name", "mode", "fileobj", "bufsize"]);
  if ((name === null || name === "") && fileobj === null) throw new ValueError("nothing to open");
  if (mode === "r" || mode === "r:*") {
    const messages: string[] = [];
    for (const comptype of ["gz", "bz2", "xz", "tar"]) {
      const saved = fileobj !== null ? tell(fileobj) : 0;
      try {
        return OPEN_METH[comptype]!(name, "r", fileobj, ...extra);
      } catch (e) {
        if (e instanceof ReadError || e instanceof CompressionError) {
          messages.push(`- method ${comptype}: ${repr(e)}`);
          if (fileobj !== null) seek(fileobj, saved);
          continue;
        }
        throw e;
      }
    }
    throw new ReadError(`file could not be opened successfully:\n${messages.join("\n")}`);
  }
  const sep = mode.includes(":") ? ":" : mode.includes("|") ? "|" : null;
  if (sep !== null) {
    const at = mode.indexOf(sep);
    const filemode = mode.slice(0, at) || "r";
    const comptype = mode.slice(at + 1) || "tar";
    if (sep === "|" && !["r", "w"].includes(filemode)) throw new ValueError("mode must be 'r' or 'w'");
    const fn = OPEN_METH[comptype];
    if (fn === undefined) throw new CompressionError(`unknown compression type ${repr(comptype)}`);
    return fn(name, filemode, fileobj, ...extra);
  }
  if (["a", "w", "x"].includes(mode)) return TarFile.taropen(name, mode, fileobj, ...extra);
  throw new ValueError("undiscernible mode");
}

export function is_tarfile(name: unknown): boolean {
  try {
    let t: TarFile;
    if (name !== null && typeof name === "object" && typeof (name as { read?: unknown }).read === "function") {
      const at = tell(name);
      t = openTar(kw({ fileobj: name }));
      seek(name, at);
    } else t = openTar(name);
    t.close();
    return true;
  } catch (e) {
    if (e instanceof TarError) return false;
    throw e;
  }
}

