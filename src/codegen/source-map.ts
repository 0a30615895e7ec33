// A line-level source map (v3) from the TypeScript module back to the Python file. Codegen
// tags statements with position markers; after formatting, each marker gives one mapping.

const BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

function vlq(value: number): string {
  let v = value < 0 ? (-value << 1) | 1 : value << 1;
  let out = "";
  do {
    let digit = v & 31;
    v >>>= 5;
    if (v > 0) digit |= 32;
    out += BASE64[digit];
  } while (v > 0);
  return out;
}

export interface Mapping {
  /** 0-based line and column in the generated TypeScript */
  genLine: number;
  genCol: number;
  /** 1-based line and 0-based column in the Python source */
  srcLine: number;
  srcCol: number;
}

export interface SourceMapV3 {
  version: 3;
  file: string;
  sources: string[];
  sourcesContent: string[];
  names: string[];
  mappings: string;
  /** pyts's extension: the Python span of each call (call-spans.ts) */
  x_pyts_calls?: number[][];
}

export function buildSourceMap(file: string, source: string, sourceText: string, mappings: Mapping[]): SourceMapV3 {
  const byLine = new Map<number, Mapping[]>();
  let lastLine = -1;
  for (const m of mappings) {
    const list = byLine.get(m.genLine) ?? [];
    list.push(m);
    byLine.set(m.genLine, list);
    lastLine = Math.max(lastLine, m.genLine);
  }
  const lines: string[] = [];
  let prevSrcLine = 0;
  let prevSrcCol = 0;
  for (let line = 0; line <= lastLine; line++) {
    const segments: string[] = [];
    let prevGenCol = 0;
    for (const m of (byLine.get(line) ?? []).sort((a, b) => a.genCol - b.genCol)) {
      const srcLine = m.srcLine - 1;
      segments.push(vlq(m.genCol - prevGenCol) + vlq(0) + vlq(srcLine - prevSrcLine) + vlq(m.srcCol - prevSrcCol));
      prevGenCol = m.genCol;
      prevSrcLine = srcLine;
      prevSrcCol = m.srcCol;
    }
    lines.push(segments.join(","));
  }
  return { version: 3, file, sources: [source], sourcesContent: [sourceText], names: [], mappings: lines.join(";") };
}
