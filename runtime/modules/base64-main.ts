// base64's command line (`python -m base64` runs `main()`): -e encode (the default), -d/-u
// decode, -t the round trip `test()` prints, -h the usage; a file argument or stdin, written
// to stdout's binary buffer. A bad option prints getopt's message and the usage to stderr and
// exits with status 2, as CPython's.

import { open } from "../lang/files.js";
import { Bytes } from "../values/bytes.js";
import { callMethod } from "../values/methods.js";
import { print } from "../values/print.js";
import { repr } from "../values/repr.js";
import { Tuple } from "../values/tuple.js";
import { kw } from "../values/kwargs.js";
import { AssertionError } from "../values/exceptions.js";
import { eq } from "../values/compare.js";
import { getoptModule, GetoptError } from "./getopt.js";
import { sysModule, exit } from "./sys.js";

type Codec = (input: unknown, output: unknown) => null;

/** `base64.test()`: encodes and decodes b"Aladdin:open sesame", printing each step. */
export function makeTest(encodebytes: (s: unknown) => Bytes, decodebytes: (s: unknown) => Bytes): () => null {
  return function test(): null {
    const s0 = Bytes.fromLatin1("Aladdin:open sesame");
    print(repr(s0));
    const s1 = encodebytes(s0);
    print(repr(s1));
    const s2 = decodebytes(s1);
    print(repr(s2));
    if (!eq(s0, s2)) throw new AssertionError();
    return null;
  };
}

/** `base64.main()`. */
export function makeMain(encode: Codec, decode: Codec, test: () => null): () => null {
  return function main(): null {
    const argv = sysModule.argv as string[];
    const usage = `usage: ${argv[0]} [-h|-d|-e|-u|-t] [file|-]
        -h: print this help message and exit
        -d, -u: decode
        -e: encode (default)
        -t: encode and decode string 'Aladdin:open sesame'`;
    let parsed: Tuple;
    try {
      parsed = getoptModule.getopt(argv.slice(1), "hdeut");
    } catch (error) {
      if (!(error instanceof GetoptError)) throw error;
      const stderr = sysModule.stderr;
      print(error, kw({ file: stderr }));
      print(usage, kw({ file: stderr }));
      return exit(2n);
    }
    const [opts, args] = parsed.items as [Tuple[], string[]];
    let codec = encode;
    for (const pair of opts) {
      const option = pair.items[0];
      if (option === "-e") codec = encode;
      if (option === "-d" || option === "-u") codec = decode;
      if (option === "-t") return test();
      if (option === "-h") {
        print(usage);
        return null;
      }
    }
    const output = (sysModule.stdout as { buffer: unknown }).buffer;
    if (args.length > 0 && args[0] !== "-") {
      const file = open(args[0], "rb");
      try {
        codec(file, output);
      } finally {
        callMethod(file, "close");
      }
    } else codec((sysModule.stdin as { buffer: unknown }).buffer, output);
    return null;
  };
}
