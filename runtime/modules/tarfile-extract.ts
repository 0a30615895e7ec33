// TarFile's extraction as 3.11.7 does it: the extraction filters (fully_trusted, tar, data:
// CPython's checks and errors, with no filter the fully trusted one, as 3.11 has it), members
// written to disk (regular files, directories, symbolic and hard links), owners set when run
// as root, then mode and mtime (directories' at the end, deepest first), and `list()`.

import { callMethod } from "../values/methods.js";
import { nodeProcess } from "../core/host.js";
import { KeyError, OSError, PyTypeError, ValueError } from "../values/exceptions.js";
import { kw, splitKw } from "../values/kwargs.js";
import { print } from "../values/print.js";
import { repr, strRepr } from "../values/repr.js";
import { fsCall } from "../lang/os-errors.js";
import { filemode, fs, idByName, localFields, read, seek } from "./archive-io.js";
import { callValue } from "./pycall.js";
import { fspath, pathModule } from "./os-path.js";
import {
  AbsoluteLinkError, AbsolutePathError, ExtractError, FilterError, LinkOutsideDestinationError, OutsideDestinationError, ReadError, SpecialFileError, TarInfo,
} from "./tarfile-info.js";
import type { TarFile } from "./tarfile.js";

const linkTargets = new WeakMap<TarInfo, string>();

export function copyInfo(t: TarInfo): TarInfo {
  const c = Object.create(Object.getPrototypeOf(t) as object) as TarInfo;
  Object.assign(c, t);
  const target = linkTargets.get(t);
  if (target !== undefined) linkTargets.set(c, target);
  return c;
}

function filterError<E extends FilterError>(cls: new (message: string) => E, member: TarInfo, message: string): E {
  const e = new cls(message);
  e.tarinfo = member;
  return e;
}

const realpath = (p: string): string => pathModule.realpath(p) as string;
const commonpath = (a: string, b: string): string => pathModule.commonpath([a, b]) as string;

function filteredAttrs(member: TarInfo, destArg: unknown, forData: boolean): Record<string, unknown> {
  const attrs: Record<string, unknown> = {};
  let name = member.name;
  const dest = realpath(fspath(destArg));
  if (name.startsWith("/")) name = attrs["name"] = member.name.replace(/^\/+/, "");
  if (name.startsWith("/")) throw filterError(AbsolutePathError, member, `member ${strRepr(member.name)} has an absolute path`);
  let target = realpath(pathModule.join(dest, name) as string);
  if (commonpath(target, dest) !== dest) throw filterError(OutsideDestinationError, member, `${strRepr(member.name)} would be extracted to ${strRepr(target)}, which is outside the destination`);
  if (member.mode !== null) {
    let mode: bigint | null = member.mode & 0o755n;
    if (forData) {
      if (member.isreg() || member.islnk()) {
        if (!(mode & 0o100n)) mode &= ~0o111n;
        mode |= 0o600n;
      } else if (member.isdir() || member.issym()) mode = null;
      else throw filterError(SpecialFileError, member, `${strRepr(member.name)} is a special file`);
    }
    if (mode !== member.mode) attrs["mode"] = mode;
  }
  if (forData) {
    if (member.uid !== null) attrs["uid"] = null;
    if (member.gid !== null) attrs["gid"] = null;
    if (member.uname !== null) attrs["uname"] = null;
    if (member.gname !== null) attrs["gname"] = null;
    if (member.islnk() || member.issym()) {
      if (member.linkname.startsWith("/")) throw filterError(AbsoluteLinkError, member, `${strRepr(member.name)} is a link to an absolute path`);
      target = realpath(member.issym() ? (pathModule.join(dest, pathModule.dirname(name), member.linkname) as string) : (pathModule.join(dest, member.linkname) as string));
      if (commonpath(target, dest) !== dest) throw filterError(LinkOutsideDestinationError, member, `${strRepr(member.name)} would link to ${strRepr(target)}, which is outside the destination`);
    }
  }
  return attrs;
}

export function fully_trusted_filter(member: unknown, _destPath: unknown): unknown {
  return member;
}

export function tar_filter(member: TarInfo, destPath: unknown): TarInfo {
  const attrs = filteredAttrs(member, destPath, false);
  return Object.keys(attrs).length > 0 ? member.replace(kw({ ...attrs, deep: false })) : member;
}

export function data_filter(member: TarInfo, destPath: unknown): TarInfo {
  const attrs = filteredAttrs(member, destPath, true);
  return Object.keys(attrs).length > 0 ? member.replace(kw({ ...attrs, deep: false })) : member;
}

const NAMED: Record<string, unknown> = { fully_trusted: fully_trusted_filter, tar: tar_filter, data: data_filter };

function filterFunction(tar: TarFile, filter: unknown): unknown {
  if (filter === null || filter === undefined) {
    const f = tar.extraction_filter;
    if (f === null || f === undefined) return fully_trusted_filter;
    if (typeof f === "string") throw new PyTypeError("String names are not supported for TarFile.extraction_filter. Use a function such as tarfile.data_filter directly.");
    return f;
  }
  if (typeof filter === "function") return filter;
  const named = typeof filter === "string" ? NAMED[filter] : undefined;
  if (named === undefined) throw new ValueError(`filter ${repr(filter)} not found`);
  return named;
}

function fatal(tar: TarFile, e: unknown): void {
  if (tar.errorlevel > 0n) throw e;
}
function nonfatal(tar: TarFile, e: unknown): void {
  if (tar.errorlevel > 1n) throw e;
}

function extractTarinfo(tar: TarFile, member: unknown, filter: unknown, path: string): TarInfo | null {
  let tarinfo: TarInfo | null = typeof member === "string" ? tar.getmember(member) : (member as TarInfo);
  const unfiltered = tarinfo;
  try {
    tarinfo = callValue(filter, tarinfo, path) as TarInfo | null;
  } catch (e) {
    if (e instanceof OSError || e instanceof FilterError) fatal(tar, e);
    else if (e instanceof ExtractError) nonfatal(tar, e);
    else throw e;
    tarinfo = unfiltered;
  }
  if (tarinfo === null || tarinfo === undefined) return null;
  if (tarinfo.islnk()) {
    tarinfo = copyInfo(tarinfo);
    linkTargets.set(tarinfo, pathModule.join(path, tarinfo.linkname) as string);
  }
  return tarinfo;
}

function extractOneMember(tar: TarFile, tarinfo: TarInfo, path: string, setAttrs: boolean, numericOwner: boolean): void {
  tar.check("r");
  try {
    extractMember(tar, tarinfo, pathModule.join(path, tarinfo.name) as string, setAttrs, numericOwner);
  } catch (e) {
    if (e instanceof OSError) fatal(tar, e);
    else if (e instanceof ExtractError) nonfatal(tar, e);
    else throw e;
  }
}

function checkKeywords(kws: Record<string, unknown>, allowed: string[], method: string): void {
  for (const k of Object.keys(kws)) if (!allowed.includes(k)) throw new PyTypeError(`TarFile.${method}() got an unexpected keyword argument '${k}'`);
}

export function extractAll(tar: TarFile, args: unknown[]): null {
  const [pos, kws] = splitKw(args);
  checkKeywords(kws, ["path", "members", "numeric_owner", "filter"], "extractall");
  const path = fspath(pos[0] ?? kws["path"] ?? ".");
  const members = pos[1] ?? kws["members"] ?? null;
  const numericOwner = kws["numeric_owner"] === true;
  const filter = filterFunction(tar, kws["filter"] ?? null);
  const directories: TarInfo[] = [];
  for (const member of members === null ? [...tar] : [...(members as Iterable<TarInfo>)]) {
    const tarinfo = extractTarinfo(tar, member, filter, path);
    if (tarinfo === null) continue;
    if (tarinfo.isdir()) directories.push(tarinfo);
    extractOneMember(tar, tarinfo, path, !tarinfo.isdir(), numericOwner);
  }
  directories.sort((a, b) => (a.name < b.name ? 1 : a.name > b.name ? -1 : 0));
  for (const tarinfo of directories) {
    const dirpath = pathModule.join(path, tarinfo.name) as string;
    try {
      chownMember(tarinfo, dirpath, numericOwner);
      utimeMember(tarinfo, dirpath);
      chmodMember(tarinfo, dirpath);
    } catch (e) {
      if (e instanceof ExtractError) nonfatal(tar, e);
      else throw e;
    }
  }
  return null;
}

export function extractOne(tar: TarFile, args: unknown[]): null {
  const [pos, kws] = splitKw(args);
  checkKeywords(kws, ["member", "path", "set_attrs", "numeric_owner", "filter"], "extract");
  const member = pos[0] ?? kws["member"];
  const path = fspath(pos[1] ?? kws["path"] ?? "");
  const setAttrs = (pos[2] ?? kws["set_attrs"] ?? true) !== false;
  const tarinfo = extractTarinfo(tar, member, filterFunction(tar, kws["filter"] ?? null), path);
  if (tarinfo !== null) extractOneMember(tar, tarinfo, path, setAttrs, kws["numeric_owner"] === true);
  return null;
}

function extractMember(tar: TarFile, tarinfo: TarInfo, target: string, setAttrs = true, numericOwner = false): void {
  const targetpath = target.replace(/\/+$/, "");
  const upper = pathModule.dirname(targetpath) as string;
  if (upper && !pathModule.exists(upper)) fsCall(() => fs().mkdirSync(upper, { recursive: true, mode: 0o777 }), upper);
  // (through the TarFile's methods, which a subclass may override)
  const make = (method: string): unknown => callMethod(tar, method, tarinfo, targetpath);
  if (tarinfo.isreg()) make("makefile");
  else if (tarinfo.isdir()) make("makedir");
  else if (tarinfo.isfifo()) make("makefifo");
  else if (tarinfo.ischr() || tarinfo.isblk()) make("makedev");
  else if (tarinfo.islnk() || tarinfo.issym()) make("makelink");
  else make("makeunknown");
  if (setAttrs) {
    chownMember(tarinfo, targetpath, numericOwner);
    if (!tarinfo.issym()) {
      chmodMember(tarinfo, targetpath);
      utimeMember(tarinfo, targetpath);
    }
  }
}

/** TarFile.makedir: the directory, owner-only until its attributes are set (it may exist). */
export function makedir(tarinfo: TarInfo, targetpath: string): void {
  try {
    fs().mkdirSync(targetpath, tarinfo.mode === null ? 0o777 : 0o700);
  } catch (e) {
    if ((e as { code?: string }).code !== "EEXIST") fsCall(() => { throw e; }, targetpath);
  }
}

/** TarFile.makefifo / makedev: Node makes neither FIFOs nor device nodes. */
export function makeSpecial(tarinfo: TarInfo): never {
  throw new ExtractError(tarinfo.isfifo() ? "fifo not supported by system" : "special devices not supported by system");
}

export function makefile(tar: TarFile, tarinfo: TarInfo, targetpath: string): void {
  seek(tar.fileobj, Number(tarinfo.offset_data));
  const size = Number(tarinfo.size);
  const data = read(tar.fileobj, size);
  if (data.length !== size) throw new ReadError("unexpected end of data");
  fsCall(() => fs().writeFileSync(targetpath, data), targetpath);
}

export function makelink(tar: TarFile, tarinfo: TarInfo, targetpath: string): void {
  try {
    if (tarinfo.issym()) {
      if (pathModule.lexists(targetpath)) fs().unlinkSync(targetpath);
      fsCall(() => fs().symlinkSync(tarinfo.linkname, targetpath), tarinfo.linkname, targetpath);
    } else {
      const linkTarget = linkTargets.get(tarinfo) ?? "";
      if (pathModule.exists(linkTarget)) fsCall(() => fs().linkSync(linkTarget, targetpath), linkTarget, targetpath);
      else extractMember(tar, tar.findLinkTarget(tarinfo), targetpath);
    }
  } catch (e) {
    if (!(e instanceof OSError)) throw e;
    try {
      extractMember(tar, tar.findLinkTarget(tarinfo), targetpath);
    } catch (e2) {
      if (e2 instanceof KeyError) throw new ExtractError("unable to resolve link inside archive");
      throw e2;
    }
  }
}

export function chownMember(tarinfo: TarInfo, targetpath: string, numericOwner: boolean): null {
  const proc = nodeProcess() as { geteuid?: () => number } | undefined;
  if (proc?.geteuid?.() !== 0) return null;
  let g = tarinfo.gid === null ? -1 : Number(tarinfo.gid);
  let u = tarinfo.uid === null ? -1 : Number(tarinfo.uid);
  if (!numericOwner) {
    if (tarinfo.gname) g = idByName("/etc/group", tarinfo.gname) ?? g;
    if (tarinfo.uname) u = idByName("/etc/passwd", tarinfo.uname) ?? u;
  }
  try {
    if (tarinfo.issym()) fs().lchownSync(targetpath, u, g);
    else fs().chownSync(targetpath, u, g);
  } catch {
    throw new ExtractError("could not change owner");
  }
  return null;
}

export function chmodMember(tarinfo: TarInfo, targetpath: string): null {
  if (tarinfo.mode === null) return null;
  try {
    fs().chmodSync(targetpath, Number(tarinfo.mode));
  } catch {
    throw new ExtractError("could not change mode");
  }
  return null;
}

export function utimeMember(tarinfo: TarInfo, targetpath: string): null {
  if (tarinfo.mtime === null) return null;
  try {
    const t = Number(tarinfo.mtime);
    fs().utimesSync(targetpath, t, t);
  } catch {
    throw new ExtractError("could not change modification time");
  }
  return null;
}

export function listMembers(tar: TarFile, args: unknown[]): null {
  const [pos, kws] = splitKw(args);
  const verbose = (pos[0] ?? kws["verbose"] ?? true) !== false;
  const members = kws["members"] ?? null;
  tar.check();
  const out = (s: string): void => print(s, kw({ end: " " }));
  for (const t of members === null ? [...tar] : [...(members as Iterable<TarInfo>)]) {
    if (verbose) {
      out(filemode(Number(t.mode)));
      out(`${t.uname || t.uid}/${t.gname || t.gid}`);
      if (t.ischr() || t.isblk()) out(`${t.devmajor},${t.devminor}`.padStart(10));
      else out(String(t.size).padStart(10));
      const d = localFields(Number(t.mtime));
      const two = (n: number): string => String(n).padStart(2, "0");
      out(`${d[0]}-${two(d[1]!)}-${two(d[2]!)} ${two(d[3]!)}:${two(d[4]!)}:${two(d[5]!)}`);
    }
    out(t.name + (t.isdir() ? "/" : ""));
    if (verbose) {
      if (t.issym()) out("-> " + t.linkname);
      if (t.islnk()) out("link to " + t.linkname);
    }
    print();
  }
  return null;
}
