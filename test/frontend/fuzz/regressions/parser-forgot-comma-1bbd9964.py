f([a] b)
