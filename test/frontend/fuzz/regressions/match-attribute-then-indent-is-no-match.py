match.x
  y
