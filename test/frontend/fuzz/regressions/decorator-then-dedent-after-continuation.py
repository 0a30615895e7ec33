class A:
  @d
\
x=1
