// Python's `open()` for text and binary files, synchronous like Python's file objects.
import { nodeModule } from "../core/host.js";
import { Bytes } from "../values/bytes.js";
import { OSError, StopIteration, ValueError } from "../values/exceptions.js";
import { osErrorFrom } from "./os-errors.js";
import { splitKw } from "../values/kwargs.js";
import { toStr } from "../values/repr.js";


/** An open file: text mode reads and writes str, binary mode bytes. */
export class PyFile {
  static readonly pythonName = "TextIOWrapper";
  closed = false;
  private content = "";
  private position = 0;
  private readonly binary: boolean;
  private readonly writing: boolean;

  constructor(
    readonly name: string,
    readonly mode: string,
  ) {
    this.binary = mode.includes("b");
    this.writing = /[wax+]/.test(mode);
    try {
      if (mode.includes("r") || mode.includes("+")) {
        this.content = nodeModule("node:fs").readFileSync(name, this.binary ? "latin1" : "utf8");
      }
      if (mode.includes("w")) nodeModule("node:fs").writeFileSync(name, "");
      else if (mode.includes("x")) nodeModule("node:fs").writeFileSync(name, "", { flag: "wx" });
      else if (mode.includes("a")) nodeModule("node:fs").appendFileSync(name, "");
    } catch (error) {
      throw osErrorFrom(error, name);
    }
  }

  private check(): void {
    if (this.closed) throw new ValueError("I/O operation on closed file.");
  }

  private out(text: string): string | Bytes {
    return this.binary ? Bytes.fromLatin1(text) : text;
  }

  read(size: unknown = -1n): string | Bytes {
    this.check();
    const n = size === null || Number(size) < 0 ? Infinity : Number(size);
    const text = this.content.slice(this.position, this.position + n);
    this.position += text.length;
    return this.out(text);
  }

  readline(): string | Bytes {
    this.check();
    const end = this.content.indexOf("\n", this.position);
    const stop = end < 0 ? this.content.length : end + 1;
    const line = this.content.slice(this.position, stop);
    this.position = stop;
    return this.out(line);
  }

  readlines(): (string | Bytes)[] {
    const lines: (string | Bytes)[] = [];
    for (;;) {
      const line = this.readline();
      if (line.length === 0) return lines;
      lines.push(line);
    }
  }

  write(data: unknown): bigint {
    this.check();
    if (!this.writing) throw new OSError("not writable");
    const text = data instanceof Uint8Array ? Buffer.from(data).toString("latin1") : toStr(data);
    nodeModule("node:fs").appendFileSync(this.name, text, this.binary ? "latin1" : "utf8");
    return BigInt(data instanceof Uint8Array ? data.length : [...text].length);
  }

  writelines(lines: Iterable<unknown>): null {
    for (const line of lines) this.write(line);
    return null;
  }

  close(): null {
    this.closed = true;
    return null;
  }

  flush(): null {
    return null;
  }

  __enter__(): this {
    return this;
  }

  __exit__(): boolean {
    this.close();
    return false;
  }

  __iter__(): this {
    return this;
  }

  __next__(): string | Bytes {
    const line = this.readline();
    if (line.length === 0) throw new StopIteration();
    return line;
  }

  *[Symbol.iterator](): Iterator<string | Bytes> {
    for (;;) {
      const line = this.readline();
      if (line.length === 0) return;
      yield line;
    }
  }

  __repr__(): string {
    return `<_io.TextIOWrapper name='${this.name}' mode='${this.mode}' encoding='UTF-8'>`;
  }
}

/** `open(file, mode="r", encoding=None)`. */
export function open(...args: unknown[]): any {
  const [positional, keywords] = splitKw(args);
  const file = toStr(positional[0] ?? keywords["file"]);
  const mode = toStr(positional[1] ?? keywords["mode"] ?? "r");
  return new PyFile(file, mode);
}
