// Python's `__future__`: the record of each future statement's feature, as `_Feature` objects
// (their releases as 5-tuples like sys.version_info, and the compiler flag `compile()` takes).
// The features themselves are compile-time facts the frontend handles; this module is what a
// program sees when it imports `__future__` or reads a name `from __future__ import x` binds.

import { Tuple } from "../values/tuple.js";
import { repr } from "../values/repr.js";
import { moduleObject } from "./module-object.js";

type Release = Tuple;

export class _Feature {
  static readonly __module__ = "__future__";
  optional: Release;
  mandatory: Release | null;
  compiler_flag: bigint;

  constructor(optionalRelease: Release, mandatoryRelease: Release | null, compiler_flag: bigint) {
    this.optional = optionalRelease;
    this.mandatory = mandatoryRelease;
    this.compiler_flag = compiler_flag;
  }

  /** The first release in which this feature was recognized. */
  getOptionalRelease(): Release {
    return this.optional;
  }

  /** The release in which this feature became (or will become) mandatory, or None. */
  getMandatoryRelease(): Release | null {
    return this.mandatory;
  }

  __repr__(): string {
    return `_Feature${repr(Tuple.of(this.optional, this.mandatory, this.compiler_flag))}`;
  }
}

const release = (major: number, minor: number, micro: number, level: string, serial: number): Release =>
  Tuple.of(BigInt(major), BigInt(minor), BigInt(micro), level, BigInt(serial));

const CO_NESTED = 0x0010n;
const CO_GENERATOR_ALLOWED = 0n;
const CO_FUTURE_DIVISION = 0x20000n;
const CO_FUTURE_ABSOLUTE_IMPORT = 0x40000n;
const CO_FUTURE_WITH_STATEMENT = 0x80000n;
const CO_FUTURE_PRINT_FUNCTION = 0x100000n;
const CO_FUTURE_UNICODE_LITERALS = 0x200000n;
const CO_FUTURE_BARRY_AS_BDFL = 0x400000n;
const CO_FUTURE_GENERATOR_STOP = 0x800000n;
const CO_FUTURE_ANNOTATIONS = 0x1000000n;

const features = {
  nested_scopes: new _Feature(release(2, 1, 0, "beta", 1), release(2, 2, 0, "alpha", 0), CO_NESTED),
  generators: new _Feature(release(2, 2, 0, "alpha", 1), release(2, 3, 0, "final", 0), CO_GENERATOR_ALLOWED),
  division: new _Feature(release(2, 2, 0, "alpha", 2), release(3, 0, 0, "alpha", 0), CO_FUTURE_DIVISION),
  absolute_import: new _Feature(release(2, 5, 0, "alpha", 1), release(3, 0, 0, "alpha", 0), CO_FUTURE_ABSOLUTE_IMPORT),
  with_statement: new _Feature(release(2, 5, 0, "alpha", 1), release(2, 6, 0, "alpha", 0), CO_FUTURE_WITH_STATEMENT),
  print_function: new _Feature(release(2, 6, 0, "alpha", 2), release(3, 0, 0, "alpha", 0), CO_FUTURE_PRINT_FUNCTION),
  unicode_literals: new _Feature(release(2, 6, 0, "alpha", 2), release(3, 0, 0, "alpha", 0), CO_FUTURE_UNICODE_LITERALS),
  barry_as_FLUFL: new _Feature(release(3, 1, 0, "alpha", 2), release(4, 0, 0, "alpha", 0), CO_FUTURE_BARRY_AS_BDFL),
  generator_stop: new _Feature(release(3, 5, 0, "beta", 1), release(3, 7, 0, "alpha", 0), CO_FUTURE_GENERATOR_STOP),
  annotations: new _Feature(release(3, 7, 0, "beta", 1), null, CO_FUTURE_ANNOTATIONS),
};

const all_feature_names = Object.keys(features);

export const futureModule = moduleObject("__future__", {
  all_feature_names,
  __all__: ["all_feature_names", ...all_feature_names],
  CO_NESTED,
  CO_GENERATOR_ALLOWED,
  CO_FUTURE_DIVISION,
  CO_FUTURE_ABSOLUTE_IMPORT,
  CO_FUTURE_WITH_STATEMENT,
  CO_FUTURE_PRINT_FUNCTION,
  CO_FUTURE_UNICODE_LITERALS,
  CO_FUTURE_BARRY_AS_BDFL,
  CO_FUTURE_GENERATOR_STOP,
  CO_FUTURE_ANNOTATIONS,
  _Feature,
  ...features,
});
