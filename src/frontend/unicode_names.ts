// Character names for `\N{...}` escapes: the runtime's name database (unicodedata shares it).
export { lookupCharName } from "../../runtime/modules/unicode-names.js";
