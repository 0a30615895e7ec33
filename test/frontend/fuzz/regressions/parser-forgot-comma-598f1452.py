f(a.b
 c)
