// `int | None`, `list[int] | str`: the `types.UnionType` that `|` between types builds (PEP 604),
// with CPython's repr, equality, flattening and isinstance support.

import { GenericAlias, typeArgRepr } from "./subscript.js";
import { isClass } from "./typename.js";
import { NotImplemented } from "./singletons.js";
import { sameItem } from "./compare.js";
import { pyHash } from "./hashing.js";
import { tupleHashOf } from "./hash64.js";
import { Tuple } from "./tuple.js";
import { NoneType } from "./builtin-types.js";

export class UnionType {
  static pythonName = "UnionType";
  static tpName = "types.UnionType";
  static __module__ = "types";
  /** The members, None kept as null (shown as `None`, as CPython shows NoneType in a union). */
  readonly members: readonly unknown[];
  constructor(members: readonly unknown[]) {
    this.members = members;
  }
  get __args__(): Tuple<unknown> {
    return Tuple.from(this.members.map((m) => (m === null ? NoneType : m)));
  }
  __repr__(): string {
    return this.members.map(typeArgRepr).join(" | ");
  }
  /** Unions are equal when they hold the same members, in any order. */
  __eq__(other: unknown): unknown {
    if (!(other instanceof UnionType)) return NotImplemented;
    const contains = (xs: readonly unknown[], y: unknown): boolean => xs.some((x) => sameItem(x, y));
    return this.members.every((m) => contains(other.members, m)) && other.members.every((m) => contains(this.members, m));
  }
  __hash__(): bigint {
    // Order-free: the hash of the sorted member hashes.
    return tupleHashOf(this.members.map(pyHash).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  }
  __or__(other: unknown): unknown {
    return unionOf(this, other);
  }
  __ror__(other: unknown): unknown {
    return unionOf(other, this);
  }
}

/** What may stand on either side of a union's `|`: a class, None, an alias or a union. */
function isUnionMember(x: unknown): boolean {
  return x === null || x === undefined || isClass(x) || x instanceof GenericAlias || x instanceof UnionType;
}

/**
 * `a | b` when one side is a type (CPython's `type.__or__`): the union of both, flattened
 * and without repeats; NotImplemented when an operand cannot be a union member.
 */
export function unionOf(a: unknown, b: unknown): unknown {
  const aType = a !== null && a !== undefined && isUnionMember(a);
  const bType = b !== null && b !== undefined && isUnionMember(b);
  if (!(aType || bType) || !isUnionMember(a) || !isUnionMember(b)) return NotImplemented;
  const members: unknown[] = [];
  for (const side of [a, b]) {
    for (const m of side instanceof UnionType ? side.members : [side === undefined ? null : side]) {
      if (!members.some((x) => sameItem(x, m))) members.push(m);
    }
  }
  return members.length === 1 ? members[0] : new UnionType(members);
}
