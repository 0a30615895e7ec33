f(x == y z)
