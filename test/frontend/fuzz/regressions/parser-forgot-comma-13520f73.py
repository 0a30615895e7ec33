d = {a: b
 c: d}
