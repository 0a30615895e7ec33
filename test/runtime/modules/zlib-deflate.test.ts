// pyts's deflate against CPython's zlib on generated inputs: random bytes, text, repeated
// blocks, long runs, skewed alphabets (deep Huffman trees, so length limiting), sizes 0 to
// 300 KB, every level, strategy, wbits and memLevel, preset dictionaries, and compressobj
// streams cut into chunks with sync/full/partial/block flushes between them. The inputs are
// written to a file python3 reads; python3 prints each output's length and MD5, which must
// be pyts's.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { Compress, compressBytes } from "../../../runtime/modules/zlib-compress.js";
import { python } from "./python-oracle.js";
import { stream } from "../../support/random-stream.js";

const WORDS = "the of and to in is was that for it with as his on be at by had are but from or have an they which one you were all her she there would their we him been has when who will no more if out so said what up its about than into them can only other time new some could these two may first then do any like my now over such our man me even most made after also did many before must through back years where much your way well down should because each just those people how too little state good very make world still own see men work long get here between both life being under never day same another know while last might us great old year off come since against go came right used take three".split(" ");

type Case = {
  kind: string;
  size: number;
  seed: number;
  level: number;
  wbits: number;
  memLevel: number;
  strategy: number;
  zdict: number; // bytes of dictionary taken from the data's own generator (0: none)
  /** null: zlib.compress; else compressobj fed [chunk size, flush mode or -1] pairs */
  ops: [number, number][] | null;
};

function generate(kind: string, size: number, seed: number): Uint8Array {
  const r = stream(seed * 7919 + 17);
  const int = (n: number): number => Math.floor(r() * n);
  const out = new Uint8Array(size);
  let i = 0;
  const push = (b: number): void => {
    if (i < size) out[i++] = b;
  };
  const enc = new TextEncoder();
  while (i < size) {
    const k = kind === "mixed" ? ["random", "text", "repeat", "runs", "skewed"][int(5)]! : kind;
    const span = kind === "mixed" ? 1 + int(3000) : size;
    const stop = Math.min(size, i + span);
    if (k === "random") while (i < stop) push(int(256));
    else if (k === "text") {
      while (i < stop) for (const b of enc.encode(WORDS[int(WORDS.length)]! + (int(12) === 0 ? ".\n" : " "))) push(b);
    } else if (k === "repeat") {
      const block = Array.from({ length: 1 + int(int(2) ? 8 : 300) }, () => int(256));
      while (i < stop) for (const b of block) push(int(100) === 0 ? int(256) : b);
    } else if (k === "runs") while (i < stop) {
      const b = int(4) === 0 ? 0 : int(256);
      for (let n = 1 + int(600); n > 0 && i < stop; n--) push(b);
    }
    else if (k === "skewed") while (i < stop) {
      let sym = 0;
      while (sym < 40 && r() < 0.5) sym++;
      push(sym + 65);
    }
  }
  return out;
}

function makeCases(): Case[] {
  const r = stream(20261203);
  const int = (n: number): number => Math.floor(r() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;
  const kinds = ["random", "text", "repeat", "runs", "skewed", "mixed"];
  const cases: Case[] = [];
  for (let n = 0; n < 2400; n++) {
    const tier = int(100);
    const size = tier < 60 ? int(3000) : tier < 92 ? int(70000) : tier < 98 ? 70000 + int(100000) : 200000 + int(100000);
    const streaming = int(3) === 0;
    const strategy = int(4) === 0 ? pick([1, 2, 3, 4]) : 0;
    const wbits = int(3) === 0 ? pick([8, 9, 10, 12, 13, 14, -9, -11, -15, 25, 27, 31]) : pick([15, -15, 31]);
    const memLevel = streaming && int(3) === 0 ? pick([1, 2, 3, 5, 7, 9]) : 8;
    const zdict = streaming && wbits > 0 && wbits < 16 && int(4) === 0 ? pick([1, 50, 3000, 40000]) : 0;
    let ops: [number, number][] | null = null;
    if (streaming) {
      ops = [];
      let left = size;
      const big = int(2) === 0;
      while (left > 0 || ops.length === 0) {
        const chunk = Math.min(left, big ? int(40000) : int(700));
        left -= chunk;
        ops.push([chunk, int(3) === 0 ? pick([1, 2, 3, 5, 2, 3]) : -1]);
      }
    }
    cases.push({ kind: pick(kinds), size, seed: n, level: pick([-1, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9]), wbits, memLevel, strategy, zdict, ops });
  }
  return cases;
}

const ORACLE = `
import hashlib, json, sys, zlib
cases = json.load(open(sys.argv[1]))
blob = open(sys.argv[2], "rb").read()
at = 0
for c in cases:
    data = blob[at:at + c["size"]]; at += c["size"]
    zd = blob[at:at + c["zdict"]]; at += c["zdict"]
    if c["ops"] is None:
        out = zlib.compress(data, c["level"], c["wbits"])
    else:
        kw = {"zdict": zd} if c["zdict"] else {}
        obj = zlib.compressobj(c["level"], zlib.DEFLATED, c["wbits"], c["memLevel"], c["strategy"], **kw)
        parts, pos = [], 0
        for n, mode in c["ops"]:
            parts.append(obj.compress(data[pos:pos + n])); pos += n
            if mode >= 0: parts.append(obj.flush(mode))
        parts.append(obj.flush())
        out = b"".join(parts)
    print(len(out), hashlib.md5(out).hexdigest())
`;

function pytsOutput(c: Case, input: Uint8Array, zdict: Uint8Array): Uint8Array {
  if (c.ops === null) return compressBytes(input, c.level, c.wbits);
  const obj = new Compress(BigInt(c.level), 8n, BigInt(c.wbits), BigInt(c.memLevel), BigInt(c.strategy), ...(c.zdict ? [zdict] : []));
  const parts: Uint8Array[] = [];
  let pos = 0;
  for (const [n, mode] of c.ops) {
    parts.push(obj.compress(input.subarray(pos, pos + n)));
    pos += n;
    if (mode >= 0) parts.push(obj.flush(BigInt(mode)));
  }
  parts.push(obj.flush());
  return Buffer.concat(parts);
}

describe("zlib deflate matches CPython's zlib byte for byte", () => {
  it("on 2400 generated inputs and streams", () => {
    const cases = makeCases();
    const inputs = cases.map((c) => [generate(c.kind, c.size, c.seed), generate("text", c.zdict, c.seed + 1)] as const);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pyts-zlib-"));
    try {
      fs.writeFileSync(path.join(dir, "cases.json"), JSON.stringify(cases));
      fs.writeFileSync(path.join(dir, "blob"), Buffer.concat(inputs.flat()));
      fs.writeFileSync(path.join(dir, "oracle.py"), ORACLE);
      const expected = python(`import runpy, sys; sys.argv = ["o", ${JSON.stringify(path.join(dir, "cases.json"))}, ${JSON.stringify(path.join(dir, "blob"))}]; runpy.run_path(${JSON.stringify(path.join(dir, "oracle.py"))})`).trim().split("\n");
      const mismatches: string[] = [];
      cases.forEach((c, i) => {
        const out = pytsOutput(c, inputs[i]![0], inputs[i]![1]);
        const got = `${out.length} ${crypto.createHash("md5").update(out).digest("hex")}`;
        if (got !== expected[i]) mismatches.push(`${JSON.stringify({ ...c, ops: c.ops?.length })}: ${got} != ${expected[i]}`);
      });
      expect(mismatches.slice(0, 10)).toEqual([]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 300_000);
});
