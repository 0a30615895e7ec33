// try/except* (PEP 654). The group classes live with asyncio's TaskGroup, which needed them
// first; this file adds the bookkeeping of one `try` whose handlers are `except*` clauses:
// each handler takes the part of the group it matches, and what the handlers raise is
// combined with what none of them handled, as CPython does.

import { BaseExceptionGroup, ExceptionGroup } from "../asyncio/exception-group.js";
import { BaseException, PyTypeError } from "../values/exceptions.js";
import { Tuple } from "../values/tuple.js";
import { isinstance } from "../values/builtin-functions.js";

export { BaseExceptionGroup, ExceptionGroup };

type Group = BaseExceptionGroup | ExceptionGroup;

function isGroup(x: unknown): x is Group {
  return x instanceof BaseExceptionGroup;
}

function isGroupClass(c: unknown): boolean {
  if (c === BaseExceptionGroup || c === ExceptionGroup) return true;
  return typeof c === "function" && (c.prototype instanceof BaseExceptionGroup || c.prototype instanceof ExceptionGroup);
}

/** Every leaf (non-group) exception of `exc`. */
function leaves(exc: BaseException, into: Set<BaseException>): Set<BaseException> {
  if (isGroup(exc)) for (const inner of exc.exceptions) leaves(inner, into);
  else into.add(exc);
  return into;
}

/** The state of one try/except* while its handlers run. */
export class ExceptStar {
  /** what no handler has taken yet: a group, the naked exception, or null */
  private rest: BaseException | null;
  /** exceptions the handlers raised that are not the parts they were given */
  private readonly raised: BaseException[] = [];
  /** parts the handlers re-raised (`raise` or `raise e`) */
  private readonly reraised: BaseException[] = [];

  constructor(readonly original: BaseException) {
    this.rest = original;
  }

  /** The part of the exception an `except* type` clause handles, or null if none matches. */
  take(type: unknown): Group | null {
    const types = type instanceof Tuple ? type.items : [type];
    if (types.some(isGroupClass)) {
      throw new PyTypeError("catching ExceptionGroup with except* is not allowed. Use except instead.");
    }
    const rest = this.rest;
    if (rest === null) return null;
    if (isGroup(rest)) {
      const [matched, remaining] = rest.split(type).items;
      this.rest = remaining ?? null;
      return matched ?? null;
    }
    // A naked exception is handled wrapped in a group with an empty message.
    if (!isinstance(rest, type)) return null;
    this.rest = null;
    return new BaseExceptionGroup("", [rest]);
  }

  /** copies of handled parts that a bare `raise` in their handler throws */
  private readonly bareRaises = new Set<BaseException>();

  /**
   * What a bare `raise` in the handler of `matched` throws: an equal copy, because CPython
   * treats only a bare `raise` as re-raising the part (`raise e` counts as a new exception).
   */
  reraiseOf(matched: Group): Group {
    const copy = matched.derive(matched.exceptions);
    copy.__cause__ = matched.__cause__;
    copy.__context__ = matched.__context__;
    copy.__suppress_context__ = matched.__suppress_context__;
    copy.__traceback__ = matched.__traceback__;
    this.bareRaises.add(copy);
    return copy;
  }

  /** A handler given `matched` raised `error`. */
  raisedBy(matched: Group, error: unknown): void {
    if (!(error instanceof BaseException)) throw error;
    if (this.bareRaises.has(error)) {
      this.reraised.push(error);
      return;
    }
    if (error.__context__ === null) error.__context__ = matched;
    this.raised.push(error);
  }

  /** Raise what remains after the handlers ran, if anything does. */
  finish(): void {
    const result = this.outcome();
    if (result !== null) throw result;
  }

  private outcome(): BaseException | null {
    if (!isGroup(this.original)) return this.raised[0] ?? this.reraised[0] ?? this.rest;
    // Re-raised parts and the unhandled rest keep the original group's shape.
    const kept = new Set<BaseException>();
    for (const part of this.reraised) leaves(part, kept);
    if (this.rest !== null) leaves(this.rest, kept);
    const projection = kept.size ? this.original.split((e: BaseException) => kept.has(e)).items[0] ?? null : null;
    if (this.raised.length === 0) return projection;
    const all = projection === null ? this.raised : [...this.raised, projection];
    return all.length === 1 ? all[0]! : new BaseExceptionGroup("", all);
  }
}

/** Start handling `error` with except* clauses (anything that is not a Python exception passes through). */
export function exceptStar(error: unknown): ExceptStar {
  if (!(error instanceof BaseException)) throw error;
  return new ExceptStar(error);
}
