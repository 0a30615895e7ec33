if 1:
  match x, y
    z
