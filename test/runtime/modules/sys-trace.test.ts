import { describe, expect, it } from "vitest";
import { sysModule as sys } from "../../../runtime/modules/sys.js";
import { NotImplementedError } from "../../../runtime/values/exceptions.js";

describe("sys.settrace / sys.setprofile", () => {
  it("take None (no tracer, as gettrace/getprofile report)", () => {
    expect(sys.settrace(null)).toBe(null);
    expect(sys.setprofile(null)).toBe(null);
    expect(sys.gettrace()).toBe(null);
    expect(sys.getprofile()).toBe(null);
  });

  it("refuse a function: pyts's frames raise no trace or profile events", () => {
    const tracer = (): null => null;
    expect(() => sys.settrace(tracer)).toThrow(NotImplementedError);
    expect(() => sys.settrace(tracer)).toThrow("sys.settrace(): pyts runs no trace functions");
    expect(() => sys.setprofile(tracer)).toThrow("sys.setprofile(): pyts runs no profile functions");
    expect(sys.gettrace()).toBe(null);
  });
});
