f(a
  b)
