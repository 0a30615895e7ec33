import { describe, expect, it } from "vitest";
import { functoolsModule as functools } from "../../../runtime/modules/functools.js";
import { itertoolsModule as itertools } from "../../../runtime/modules/itertools.js";
import { add, mul } from "../../../runtime/values/arithmetic.js";
import { list, int } from "../../../runtime/values/builtin-types.js";
import { next, iter } from "../../../runtime/values/iteration.js";
import { sorted } from "../../../runtime/values/builtin-functions.js";
import { lt, le, gt, ge, eq } from "../../../runtime/values/compare.js";
import { kw, splitKw } from "../../../runtime/values/kwargs.js";
import { repr, toStr } from "../../../runtime/values/repr.js";
import { getattr } from "../../../runtime/values/builtin-functions.js";
import { Range } from "../../../runtime/values/range.js";
import { Tuple } from "../../../runtime/values/tuple.js";
import { pythonLines } from "./python-oracle.js";

const show = (x: unknown): string => {
  const own = (x as { __repr__?: () => string } | null)?.__repr__;
  return typeof own === "function" ? own.call(x) : repr(x);
};

describe("functools", () => {
  it("partial, reduce, lru_cache/cache_info, cmp_to_key, total_ordering", () => {
    const expected = pythonLines(`
import functools
def power(base, exp=2, *, mod=None): return base ** exp if mod is None else base ** exp % mod
sq = functools.partial(power, exp=2); cube = functools.partial(power, exp=3)
print(sq(5), cube(2), functools.partial(power, 2)(10), functools.partial(sq, mod=7)(4), sq.args, sq.keywords)
print(functools.reduce(lambda a, b: a * b, [1, 2, 3, 4]), functools.reduce(lambda a, b: a + b, [], 10))
try: functools.reduce(lambda a, b: a, [])
except TypeError as e: print(e)
calls = []
@functools.lru_cache(maxsize=2)
def fib(n):
    calls.append(n); return n if n < 2 else fib(n - 1) + fib(n - 2)
print(fib(10), fib.cache_info())
fib.cache_clear(); print(fib.cache_info())
@functools.lru_cache
def sq2(x): calls.append(x); return x * x
print(sq2(3), sq2(3), sq2(3.0), sq2.cache_info(), len(calls))
@functools.cache
def f(a, b=1): return a + b
print(f(1), f(1), f(1, b=1), f.cache_info())
print(sorted([5, 1, 4, 2], key=functools.cmp_to_key(lambda a, b: b - a)))
@functools.total_ordering
class V:
    def __init__(self, v): self.v = v
    def __eq__(self, o): return self.v == o.v
    def __lt__(self, o): return self.v < o.v
print(V(1) <= V(1), V(2) > V(1), V(1) >= V(2), V(3) > V(3))`);
    const power = (...args: unknown[]): unknown => {
      const [pos, kws] = splitKw(args);
      const exp = pos.length > 1 ? pos[1] : (kws["exp"] ?? 2n);
      const mod = kws["mod"] ?? null;
      const r = (pos[0] as bigint) ** (exp as bigint);
      return mod === null ? r : r % (mod as bigint);
    };
    const sq = functools.partial(power, kw({ exp: 2n })) as ((...a: unknown[]) => unknown) & { args: unknown; keywords: unknown };
    const cube = functools.partial(power, kw({ exp: 3n }));
    const out = [
      [sq(5n), cube(2n), functools.partial(power, 2n)(10n), functools.partial(sq, kw({ mod: 7n }))(4n), sq.args, sq.keywords].map(repr).join(" "),
      `${repr(functools.reduce((a: unknown, b: unknown) => mul(a, b), [1n, 2n, 3n, 4n]))} ${repr(functools.reduce(add, [], 10n))}`,
    ];
    try {
      functools.reduce(add, []);
    } catch (e) {
      out.push(toStr(e));
    }
    const calls: unknown[] = [];
    const fib = (functools.lru_cache(kw({ maxsize: 2n })) as (f: unknown) => any)((n: bigint): bigint => {
      calls.push(n);
      return n < 2n ? n : fib(n - 1n) + fib(n - 2n);
    });
    out.push(`${repr(fib(10n))} ${show(fib.cache_info())}`);
    fib.cache_clear();
    out.push(show(fib.cache_info()));
    const sq2 = functools.lru_cache((x: unknown) => (calls.push(x), mul(x, x))) as any;
    out.push(`${repr(sq2(3n))} ${repr(sq2(3n))} ${repr(sq2(3.0))} ${show(sq2.cache_info())} ${calls.length}`);
    const f = functools.cache((...args: unknown[]) => {
      const [pos, kws] = splitKw(args);
      return add(pos[0], pos[1] ?? kws["b"] ?? 1n);
    }) as any;
    out.push(`${repr(f(1n))} ${repr(f(1n))} ${repr(f(1n, kw({ b: 1n })))} ${show(f.cache_info())}`);
    out.push(repr(sorted([5n, 1n, 4n, 2n], kw({ key: functools.cmp_to_key((a: bigint, b: bigint) => b - a) }))));
    class V {
      constructor(readonly v: bigint) {}
      __eq__(o: V): boolean { return this.v === o.v; }
      __lt__(o: V): boolean { return this.v < o.v; }
    }
    functools.total_ordering(V);
    out.push([le(new V(1n), new V(1n)), gt(new V(2n), new V(1n)), ge(new V(1n), new V(2n)), gt(new V(3n), new V(3n))].map(repr).join(" "));
    expect(out).toEqual(expected);
  });

  it("a cached method keeps `this` and caches per instance", () => {
    let calls = 0;
    class Squarer {
      constructor(readonly k: bigint) {}
      declare value: (x: bigint) => bigint;
    }
    Squarer.prototype.value = functools.cache(function (this: Squarer, x: unknown) {
      calls++;
      return this.k * (x as bigint);
    }) as (x: bigint) => bigint;
    const a = new Squarer(2n);
    const b = new Squarer(3n);
    expect([a.value(5n), a.value(5n), b.value(5n)]).toEqual([10n, 10n, 15n]);
    expect(calls).toBe(2);
  });

  it("wraps copies __name__, __qualname__, __doc__ and sets __wrapped__", () => {
    function original(): null { return null; }
    Object.assign(original, { __doc__: "Docs." });
    const wrapper = functools.wraps(original)((...a: unknown[]) => a.length);
    expect(getattr(wrapper, "__name__")).toBe("original");
    expect(getattr(wrapper, "__qualname__")).toBe("original");
    expect(getattr(wrapper, "__doc__")).toBe("Docs.");
    expect(getattr(wrapper, "__wrapped__")).toBe(original);
    expect(repr(wrapper)).toMatch(/^<function original at 0x/);
  });
});

describe("itertools", () => {
  it("matches CPython for the infinite, terminating and combinatoric iterators", () => {
    const expected = pythonLines(`
import itertools as it
print(list(it.islice(it.count(10, 5), 3)), list(it.islice(it.cycle('ab'), 5)), list(it.repeat('x', 3)))
print(list(it.accumulate([1, 2, 3, 4])), list(it.accumulate([1, 2, 3], lambda a, b: a * b, initial=10)))
print(list(it.chain([1, 2], 'ab')), list(it.chain.from_iterable([[1], [2, 3]])), list(it.compress('abcd', [1, 0, 1, 0])))
print(list(it.dropwhile(lambda x: x < 3, [1, 4, 1])), list(it.takewhile(lambda x: x < 3, [1, 2, 5, 1])), list(it.filterfalse(None, [0, 1, '', 'a'])))
print([(k, list(g)) for k, g in it.groupby('aaabccaa')], [k for k, g in it.groupby([1, 1, 2])])
print([(k, list(g)) for k, g in it.groupby([1, 2, 3, 4, 5], key=lambda x: x > 2)])
print(list(it.islice(range(10), 2, 8, 2)), list(it.islice('abc', None)), list(it.starmap(pow, [(2, 3), (3, 2)])))
a, b = it.tee([1, 2, 3]); print(next(a), list(b), list(a))
print(list(it.zip_longest('ab', [1, 2, 3], fillvalue='-')), list(it.pairwise('abcd')))
print(list(it.product('ab', [0, 1])), len(list(it.product(range(3), repeat=2))), list(it.product('ab', repeat=2))[:3])
print(list(it.permutations('abc', 2)), list(it.permutations(range(3)))[-1])
print(list(it.combinations('abcd', 2)), list(it.combinations_with_replacement('ab', 2)), list(it.combinations('ab', 3)))`);
    const L = (x: unknown) => repr(list(x));
    /** Like Python's [(k, list(g)) for k, g in groups]: each group read before the next. */
    const groups = (it: Iterable<Tuple>) => {
      const rows: Tuple[] = [];
      for (const t of it) rows.push(Tuple.of(t.items[0], list(t.items[1])));
      return repr(rows);
    };
    const out = [
      `${L(itertools.islice(itertools.count(10n, 5n), 3n))} ${L(itertools.islice(itertools.cycle("ab"), 5n))} ${L(itertools.repeat("x", 3n))}`,
      `${L(itertools.accumulate([1n, 2n, 3n, 4n]))} ${L(itertools.accumulate([1n, 2n, 3n], mul, kw({ initial: 10n })))}`,
      `${L(itertools.chain([1n, 2n], "ab"))} ${L(itertools.chain.from_iterable([[1n], [2n, 3n]]))} ${L(itertools.compress("abcd", [1n, 0n, 1n, 0n]))}`,
      `${L(itertools.dropwhile((x: bigint) => x < 3n, [1n, 4n, 1n]))} ${L(itertools.takewhile((x: bigint) => x < 3n, [1n, 2n, 5n, 1n]))} ${L(itertools.filterfalse(null, [0n, 1n, "", "a"]))}`,
      `${groups(itertools.groupby("aaabccaa"))} ${repr([...itertools.groupby([1n, 1n, 2n])].map((t) => t.items[0]))}`,
      groups(itertools.groupby([1n, 2n, 3n, 4n, 5n], kw({ key: (x: bigint) => x > 2n }))),
      `${L(itertools.islice(new Range(0n, 10n, 1n), 2n, 8n, 2n))} ${L(itertools.islice("abc", null))} ${L(itertools.starmap((a: bigint, b: bigint) => a ** b, [Tuple.of(2n, 3n), Tuple.of(3n, 2n)]))}`,
    ];
    const [a, b] = itertools.tee([1n, 2n, 3n]);
    out.push(`${repr(next(a))} ${L(b)} ${L(a)}`);
    out.push(`${L(itertools.zip_longest("ab", [1n, 2n, 3n], kw({ fillvalue: "-" })))} ${L(itertools.pairwise("abcd"))}`);
    out.push(`${L(itertools.product("ab", [0n, 1n]))} ${list(itertools.product(new Range(0n, 3n, 1n), kw({ repeat: 2n }))).length} ${repr(list(itertools.product("ab", kw({ repeat: 2n }))).slice(0, 3))}`);
    out.push(`${L(itertools.permutations("abc", 2n))} ${repr(list(itertools.permutations(new Range(0n, 3n, 1n))).at(-1))}`);
    out.push(`${L(itertools.combinations("abcd", 2n))} ${L(itertools.combinations_with_replacement("ab", 2n))} ${L(itertools.combinations("ab", 3n))}`);
    expect(out).toEqual(expected);
  });

  it("iterators are Python iterators and lazy", () => {
    const c = itertools.count();
    expect(c.__next__()).toBe(0n);
    expect(next(iter(c))).toBe(1n);
    let pulled = 0;
    const source = (function* () { for (;;) { pulled++; yield pulled; } })();
    expect(list(itertools.islice(itertools.chain(source), 3n))).toEqual([1, 2, 3]);
    expect(pulled).toBe(3);
    expect(() => itertools.islice([1n], -1n)).toThrow("Stop argument for islice() must be None or an integer: 0 <= x <= sys.maxsize.");
    void int; void eq; void lt;
  });
});

describe("itertools type names", () => {
  it("each iterator reports its CPython type name", async () => {
    const { typeName } = await import("../../../runtime/values/typename.js");
    expect(repr(itertools.chain([1n]))).toMatch(/^<itertools.chain object at 0x/);
    expect(typeName(itertools.count())).toBe("count");
    expect(typeName(itertools.permutations([1n]))).toBe("permutations");
    expect(typeName(itertools.combinations_with_replacement([1n], 1n))).toBe("combinations_with_replacement");
    expect(typeName(itertools.tee([1n]).items[0])).toBe("_tee");
  });
});
