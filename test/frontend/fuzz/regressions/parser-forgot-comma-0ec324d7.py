f(a) (b c)
