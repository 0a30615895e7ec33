import { describe, expect, it } from "vitest";
import { inspectModule } from "../../../runtime/modules/inspect.js";
import { typesModule } from "../../../runtime/modules/types.js";
import { timeitModule } from "../../../runtime/modules/timeit.js";
import { timeModule } from "../../../runtime/modules/time.js";
import { copyModule } from "../../../runtime/modules/copy.js";
import { kw } from "../../../runtime/values/kwargs.js";
import { OSError, PermissionError, PyTypeError } from "../../../runtime/values/exceptions.js";
import { repr } from "../../../runtime/values/repr.js";
import { Tuple } from "../../../runtime/values/tuple.js";
import { list } from "../../../runtime/values/builtin-types.js";

const inspect = inspectModule as unknown as Record<string, (...args: unknown[]) => any>;

describe("inspect.getblock", () => {
  it("ends a def at the first line no deeper than the def, past bracketed and string continuations", () => {
    const lines = ["def f():\n", "    x = [1,\n", "2]\n", '    s = """a\n', 'b"""\n', "    # note\n", "y = 1\n"];
    expect(inspect.getblock!(lines)).toEqual(lines.slice(0, 6));
  });
  it("includes comments indented as deep as the body", () => {
    expect(inspect.getblock!(["def f():\n", "    a = 1\n", "    # c\n", "# out\n", "b = 2\n"])).toEqual(["def f():\n", "    a = 1\n", "    # c\n"]);
  });
  it("keeps only the first line of anything that is not a def, class, decorator or lambda", () => {
    expect(inspect.getblock!(["x = (1,\n", "2)\n"])).toEqual(["x = (1,\n"]);
  });
  it("takes a lambda's logical line", () => {
    expect(inspect.getblock!(["f = lambda: (1,\n", "2)\n", "g = 3\n"])).toEqual(["f = lambda: (1,\n", "2)\n"]);
    expect(inspect.getblock!(["lambda: 1\n", "g = 3\n"])).toEqual(["lambda: 1\n"]);
  });
  it("drops trailing blank lines", () => {
    expect(inspect.getblock!(["class C:\n", "    a = 1\n", "\n", "\n"])).toEqual(["class C:\n", "    a = 1\n"]);
  });
});

describe("inspect small helpers", () => {
  it("indentsize expands tabs to 8 columns", () => {
    expect(inspect.indentsize!("  \tx")).toBe(8n);
  });
  it("getmodulename prefers the longest suffix and answers None for others", () => {
    expect(inspect.getmodulename!("/a/b/m.cpython-311-x86_64-linux-gnu.so")).toBe("m");
    expect(inspect.getmodulename!("notes.txt")).toBe(null);
  });
  it("formatargvalues uses the locals mapping and formatvalue", () => {
    const locals = new (Object.getPrototypeOf(inspect.get_annotations!(() => 0)).constructor)();
    locals.set("a", 1n);
    expect(inspect.formatargvalues!(["a"], null, null, locals)).toBe("(a=1)");
  });
  it("currentframe's chain ends with no f_back", () => {
    let frame = inspect.currentframe!();
    let depth = 0;
    while (frame !== null && depth < 100) {
      frame = frame.f_back;
      depth++;
    }
    expect(frame).toBe(null);
  });
});

describe("types", () => {
  it("GenericAlias called from Python takes one argument or a tuple", () => {
    const GA = (typesModule as unknown as Record<string, (...a: unknown[]) => unknown>).GenericAlias!;
    expect(repr(GA(list, Tuple.of(1n)))).toBe("list[1]");
    expect(repr(GA(list, 1n))).toBe("list[1]");
    expect(() => GA(list)).toThrow(PyTypeError);
  });
});

describe("time clock setters", () => {
  it("refuse the realtime clock with EPERM and others with EINVAL, after checking types", () => {
    expect(() => timeModule.clock_settime(0n, 1.0)).toThrow(PermissionError);
    expect(() => timeModule.clock_settime(1n, 1.0)).toThrow(OSError);
    expect(() => timeModule.clock_settime_ns(0n, 1.5)).toThrow(PyTypeError);
  });
});

describe("timeit", () => {
  it("reindent indents continuation lines only", () => {
    expect(timeitModule.reindent("a\nb\nc", 2n)).toBe("a\n  b\n  c");
  });
  it("main returns 2 for an unknown unit", () => {
    expect(timeitModule.main(kw({ args: ["-u", "ages", "pass"] }))).toBe(2n);
  });
});

describe("copy.dispatch_table", () => {
  it("does not consult the table for classes themselves", () => {
    class Plain {}
    copyModule.dispatch_table.set(Plain, () => {
      throw new Error("not called");
    });
    expect(copyModule.copy(Plain)).toBe(Plain);
    copyModule.dispatch_table.delete(Plain);
  });
});
