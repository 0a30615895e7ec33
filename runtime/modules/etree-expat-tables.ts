// expat's error codes and messages, and the XML 1.0 character classes the parser in
// etree-expat.ts matches names, blanks and forbidden characters with.

export class ExpatError {
  constructor(
    readonly message: string,
    readonly code: number,
    readonly line: number,
    readonly column: number,
  ) {}
}

export const MESSAGES: Record<number, string> = {
  2: "syntax error",
  3: "no element found",
  4: "not well-formed (invalid token)",
  5: "unclosed token",
  7: "mismatched tag",
  8: "duplicate attribute",
  9: "junk after document element",
  11: "undefined entity",
  14: "reference to invalid character number",
  17: "XML or text declaration not at start of entity",
  27: "unbound prefix",
  28: "must not undeclare prefix",
  20: "unclosed CDATA section",
  30: "XML declaration not well-formed",
};

export const NC_START = "A-Za-z_\\u00C0-\\u02FF\\u0370-\\u037D\\u037F-\\u1FFF\\u200C-\\u200D\\u2070-\\u218F\\u2C00-\\u2FEF\\u3001-\\uD7FF\\uF900-\\uFDCF\\uFDF0-\\uFFFD\\u{10000}-\\u{EFFFF}";
const NC_MORE = NC_START + "\\-.0-9\\u00B7\\u0300-\\u036F\\u203F-\\u2040";
/** A name without a colon (namespaces on, expat checks each side of one colon). */
export const NCNAME = new RegExp(`[${NC_START}][${NC_MORE}]*`, "uy");
export const NC_START_CHAR = new RegExp(`^[${NC_START}]`, "u");
/** The characters of a prolog name or name token (`abc`, `1.0`, `a:b`). */
export const NAME_CHAR = new RegExp(`[${NC_MORE}:]`, "u");
export const SPACE = /[ \t\r\n]*/y;
export const BAD_CHAR = /[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]/u;
export const PREDEFINED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
export const XML_NS = "http://www.w3.org/XML/1998/namespace";
