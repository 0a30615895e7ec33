# repr() escapes what str.isprintable() rejects in CPython's Unicode version (unassigned,
# format and separator characters), not what JavaScript's newer tables say
x = '\u2ffc\u0378\u00ad\u200b\u3000\ufeff\U000e0041\u0085\u00a0\U0001f600'
y = '⿼ͷ'
