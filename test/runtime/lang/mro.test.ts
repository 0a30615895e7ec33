// Multiple inheritance in the runtime: C3 linearisation, member resolution in MRO order,
// isinstance/issubclass through secondary bases, and cooperative super().
import { describe, expect, it } from "vitest";
import { c3Linearize, c3Merge, inheritFrom, initInstance, mroOf, superOf } from "../../../runtime/lang/mro.js";
import { getattr, isinstance, issubclass, kw, repr, PyTypeError } from "../../../runtime/values/index.js";

/** A toy hierarchy given as base lists, linearised by name. */
function linearize(bases: Record<string, string[]>, name: string): string[] | { stuck: string[] } {
  const mro = (n: string): string[] => {
    const r = c3Linearize(n, bases[n] ?? [], mro);
    if ("stuck" in r) throw new Error("inconsistent");
    return r.order;
  };
  const r = c3Linearize(name, bases[name] ?? [], mro);
  return "stuck" in r ? r : r.order;
}

describe("C3 linearisation", () => {
  it("orders the textbook example as CPython does", () => {
    // class O; F(O); E(O); D(O); C(D, F); B(D, E); A(B, C): A B C D E F O
    const bases = { F: ["O"], E: ["O"], D: ["O"], C: ["D", "F"], B: ["D", "E"], A: ["B", "C"] };
    expect(linearize(bases, "A")).toEqual(["A", "B", "C", "D", "E", "F", "O"]);
  });

  it("puts a diamond's shared base after both sides", () => {
    expect(linearize({ B: ["A"], C: ["A"], D: ["B", "C"] }, "D")).toEqual(["D", "B", "C", "A"]);
  });

  it("reports the heads it cannot order", () => {
    const bases = { P: ["X", "Y"], Q: ["Y", "X"], Bad: ["P", "Q"] };
    expect(linearize(bases, "Bad")).toEqual({ stuck: ["X", "Y"] });
    expect(c3Merge([["a"], ["b"]])).toEqual({ order: ["a", "b"] });
  });
});

describe("inheritFrom", () => {
  function diamond() {
    class A {
      who(): string {
        return "A";
      }
      hello(): string {
        return "hello from " + this.who();
      }
    }
    class B extends A {
      override who(): string {
        return "B>" + superOf(B, this).who();
      }
    }
    class C extends A {
      override who(): string {
        return "C>" + superOf(C, this).who();
      }
      onlyC(): string {
        return "C only";
      }
      static label = "c-label";
    }
    class D extends B {
      override who(): string {
        return "D>" + superOf(D, this).who();
      }
    }
    inheritFrom(D, [B, C]);
    return { A, B, C, D };
  }

  it("resolves methods in MRO order and chains super() cooperatively", () => {
    const { D } = diamond();
    const d = new D() as InstanceType<typeof D> & { onlyC(): string };
    expect(d.who()).toBe("D>B>C>A");
    expect(d.hello()).toBe("hello from D>B>C>A");
    expect(d.onlyC()).toBe("C only");
    expect((D as unknown as { label: string }).label).toBe("c-label");
  });

  it("records __mro__ and __bases__ as CPython shows them", () => {
    const { A, B, C, D } = diamond();
    expect(mroOf(D)).toEqual([D, B, C, A]);
    expect(repr(getattr(D, "__mro__").items.map((c: unknown) => getattr(c, "__name__")))).toBe("['D', 'B', 'C', 'A', 'object']");
    expect(getattr(D, "__bases__").items).toEqual([B, C]);
    class E extends D {}
    expect(getattr(E, "__mro__").items.slice(0, 5)).toEqual([E, D, B, C, A]);
  });

  it("makes secondary bases visible to isinstance, issubclass and instanceof", () => {
    const { B, C, D } = diamond();
    const d = new D();
    expect(isinstance(d, C)).toBe(true);
    expect(d instanceof C).toBe(true);
    expect(issubclass(D, C)).toBe(true);
    expect(issubclass(C, D)).toBe(false);
    expect(isinstance(new B(), C)).toBe(false);
    expect(isinstance(new C(), C)).toBe(true);
  });

  it("raises TypeError for an inconsistent order and for a repeated base", () => {
    class X {}
    class Y {}
    class P {}
    inheritFrom(P, [X, Y]);
    class Q {}
    inheritFrom(Q, [Y, X]);
    class Bad {}
    expect(() => inheritFrom(Bad, [P, Q])).toThrow(PyTypeError);
    expect(() => inheritFrom(Bad, [P, Q])).toThrow("Cannot create a consistent method resolution\norder (MRO) for bases X, Y");
    expect(() => inheritFrom(Bad, [X, X])).toThrow("duplicate base class X");
  });
});

describe("cooperative __init__", () => {
  it("runs each __init__ once in MRO order, object.__init__ last", () => {
    const calls: string[] = [];
    class Root {
      constructor(...args: unknown[]) {
        initInstance(this, args);
      }
      __init__(): void {
        calls.push("Root");
        superOf(Root, this).__init__();
      }
    }
    class L extends Root {
      override __init__(): void {
        calls.push("L");
        superOf(L, this).__init__();
      }
    }
    class R extends Root {
      override __init__(): void {
        calls.push("R");
        superOf(R, this).__init__();
      }
    }
    class Bottom extends L {}
    inheritFrom(Bottom, [L, R]);
    new Bottom();
    expect(calls).toEqual(["L", "R", "Root"]);
  });

  it("object.__init__ and a class without __init__ reject arguments as CPython does", () => {
    class Plain {
      constructor(...args: unknown[]) {
        initInstance(this, args);
      }
    }
    expect(() => new Plain(1n)).toThrow("Plain() takes no arguments");
    expect(() => new Plain(kw({}))).not.toThrow();
    const self = new Plain();
    expect(() => superOf(Plain, self).__init__(kw({ x: 1n }))).toThrow("object.__init__() takes exactly one argument (the instance to initialize)");
    expect(() => superOf(Plain, self).missing).toThrow("'super' object has no attribute 'missing'");
  });
});
