# \N{...} escapes: names are case-insensitive; bytes and raw strings keep them verbatim
a = "\N{BULLET} \N{bullet}\N{EM DASH}\N{GREEK SMALL LETTER ALPHA}\N{LATIN SMALL LETTER Q}\N{DIGIT SEVEN}"
c = rb"\N{X}" + b"\N{BULLET}"
d = r"\N{X}" "\N{SNOWMAN}\N{LINE FEED}\N{CJK UNIFIED IDEOGRAPH-4E2D}\N{GRINNING FACE}"
e = "\\N{X}" + "\N{NO-BREAK SPACE}\N{RIGHTWARDS ARROW}\N{CHECK MARK}\N{EURO SIGN}"
