x y
match(x)
