match x := 1
  y
