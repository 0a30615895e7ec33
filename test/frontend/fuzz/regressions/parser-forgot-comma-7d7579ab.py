f(match 1)
