// The `errno` module: every symbolic error code of Linux as CPython names it, and `errorcode`
// (the code to its name), generated from CPython into posix-constants-data.ts.
import { Dict } from "../values/dict.js";
import { moduleObject } from "./module-object.js";
import { ERRNO_CODES, ERRORCODE } from "./posix-constants-data.js";

export const errnoModule = moduleObject("errno", {
  ...ERRNO_CODES,
  errorcode: new Dict<bigint, string>(ERRORCODE.map(([value, name]) => [BigInt(value), name] as const)),
});
