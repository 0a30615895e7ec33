// TarFile's class attributes (the defaults a subclass or the constructor's arguments replace)
// and the per-kind extraction methods `extract` calls (`makefile`, `makedir`, `makelink`, ...),
// which a subclass may override; `bz2open`/`xzopen` as `open`'s refusal of those kinds.

import { Dict } from "../values/dict.js";
import { declareClassValues } from "../values/declared-attributes.js";
import { fspath } from "./os-path.js";
import { makedir, makefile, makelink, makeSpecial } from "./tarfile-extract.js";
import type { TarInfo } from "./tarfile-info.js";
import { unsupportedOpen } from "./tarfile-open.js";
import type { TarFile } from "./tarfile.js";

type Maker = (this: TarFile, tarinfo: TarInfo, targetpath: unknown) => null;

/** Gives TarFile its class attributes and extraction methods. */
export function installTarFileMembers(cls: typeof TarFile, values: Record<string, unknown>): void {
  declareClassValues(cls, {
    ...values,
    debug: 0n,
    dereference: false,
    ignore_zeros: false,
    errorlevel: 1n,
    errors: null,
    extraction_filter: null,
    OPEN_METH: Dict.fromRecord({ tar: "taropen", gz: "gzopen", bz2: "bz2open", xz: "xzopen" }),
  });
  const makers: Record<string, Maker> = {
    makedir(tarinfo, targetpath) {
      makedir(tarinfo, fspath(targetpath));
      return null;
    },
    makefile(tarinfo, targetpath) {
      makefile(this, tarinfo, fspath(targetpath));
      return null;
    },
    // (an unknown member type is written as a regular file)
    makeunknown(tarinfo, targetpath) {
      makefile(this, tarinfo, fspath(targetpath));
      return null;
    },
    makefifo(tarinfo) {
      return makeSpecial(tarinfo);
    },
    makedev(tarinfo) {
      return makeSpecial(tarinfo);
    },
    makelink(tarinfo, targetpath) {
      makelink(this, tarinfo, fspath(targetpath));
      return null;
    },
  };
  for (const [name, method] of Object.entries(makers)) Object.defineProperty(cls.prototype, name, { value: method, writable: true, configurable: true });
  Object.defineProperty(cls, "bz2open", { value: unsupportedOpen("bz2"), writable: true, configurable: true });
  Object.defineProperty(cls, "xzopen", { value: unsupportedOpen("xz"), writable: true, configurable: true });
}
