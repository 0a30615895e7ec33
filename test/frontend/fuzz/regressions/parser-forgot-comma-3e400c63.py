f(a, *b c)
