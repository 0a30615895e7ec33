f(not a
 b)
