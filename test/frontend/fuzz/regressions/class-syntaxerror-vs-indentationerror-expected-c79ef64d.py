match -x,
 y: