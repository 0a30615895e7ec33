// `Cls.__dataclass_params__`: the options `@dataclass(...)` was given, as CPython 3.11 keeps
// them (a `_DataclassParams` whose repr lists them without spaces).
import { repr } from "../values/repr.js";

export class DataclassParams {
  static readonly pythonName = "_DataclassParams";
  static readonly __module__ = "dataclasses";
  constructor(
    readonly init: boolean,
    readonly repr: boolean,
    readonly eq: boolean,
    readonly order: boolean,
    readonly unsafe_hash: boolean,
    readonly frozen: boolean,
  ) {}
  __repr__(): string {
    const shown = (["init", "repr", "eq", "order", "unsafe_hash", "frozen"] as const).map((name) => `${name}=${repr(this[name])}`);
    return `_DataclassParams(${shown.join(",")})`;
  }
}
