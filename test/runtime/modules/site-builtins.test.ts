import { afterEach, describe, expect, it } from "vitest";
import { breakpoint, help } from "../../../runtime/modules/site-builtins.js";
import { RuntimeError } from "../../../runtime/values/exceptions.js";
import { callValue } from "../../../runtime/modules/pycall.js";
// (the sys module, which breakpoint() reads its hook from)
import "../../../runtime/modules/sys.js";

describe("breakpoint()", () => {
  const saved = process.env.PYTHONBREAKPOINT;
  afterEach(() => {
    if (saved === undefined) delete process.env.PYTHONBREAKPOINT;
    else process.env.PYTHONBREAKPOINT = saved;
  });

  it("does nothing under PYTHONBREAKPOINT=0", () => {
    process.env.PYTHONBREAKPOINT = "0";
    expect(breakpoint()).toBe(null);
  });

  it("refuses clearly to start the debugger CPython would start", () => {
    delete process.env.PYTHONBREAKPOINT;
    expect(() => breakpoint()).toThrow(RuntimeError);
    expect(() => breakpoint()).toThrow("pyts has no debugger (pdb) to start; set PYTHONBREAKPOINT=0");
    process.env.PYTHONBREAKPOINT = "pdb.set_trace";
    expect(() => breakpoint()).toThrow("pyts has no debugger");
  });
});

describe("help()", () => {
  it("without an argument says interactive help is not there", () => {
    expect(() => callValue(help)).toThrow("pyts has no interactive help");
  });
});
