a + b - c * d / e // f % g ** h @ i
a << b >> c & d | e ^ f
-a + +b - ~c
not a
not a and b
not a and b or c
not a or not b and not c
a and b and c or d or e
(a and b) and c
a or (b or c)
a < b <= c > d >= e == f != g
a in b not in c is d is not e
not a == b
a if b else c if d else e
x = a ** -b ** c
(a + b) * c
a.b.c.d
a[1][2](3)(4)
(x := 10)
[y := f(x), y**2]
f(a, *b, c=1, **d)
f(x for x in y)
f(*a, *b, **c, **d)
f(a)(b)(c)
print(*args, sep="", end="\n")
