match (1)
  y
