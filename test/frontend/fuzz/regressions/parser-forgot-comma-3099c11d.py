f(x if y else z 3)
