// open(): text and binary files, iteration by lines, and CPython's errors.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "vitest";
import { open } from "../../../runtime/lang/files.js";
import { FileNotFoundError, ValueError } from "../../../runtime/values/exceptions.js";
import { repr, toStr } from "../../../runtime/values/repr.js";
import { kw } from "../../../runtime/values/kwargs.js";

test("writes, reads back by lines and whole, and closes", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pyts-open-"));
  const file = path.join(dir, "notes.txt");
  const out = open(file, "w");
  expect(out.write("héllo\n")).toBe(6n);
  out.write("world\n");
  out.__exit__();
  expect([...open(file)].map((line) => repr(line))).toEqual(["'héllo\\n'", "'world\\n'"]);
  const whole = open(file, kw({ mode: "r" }));
  expect(whole.read(3n)).toBe("hél");
  expect(whole.readline()).toBe("lo\n");
  whole.close();
  expect(() => whole.read()).toThrow(ValueError);
  expect(repr(open(file, "rb").read())).toBe("b'h\\xc3\\xa9llo\\nworld\\n'");
  fs.rmSync(dir, { recursive: true, force: true });
});

test("a missing file raises FileNotFoundError with CPython's message", () => {
  let error: unknown;
  try {
    open("/no/such/file.txt");
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(FileNotFoundError);
  expect(toStr(error)).toBe("[Errno 2] No such file or directory: '/no/such/file.txt'");
  expect((error as FileNotFoundError).errno).toBe(2n);
  expect((error as FileNotFoundError).filename).toBe("/no/such/file.txt");
});
