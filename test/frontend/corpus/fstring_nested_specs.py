# CPython 3.11 gives a format spec nested in another spec the span of its string literal
x = f'r: {value:{width:0}.{precision:1}}'
y = (f'{a:{b:x}}'
     f'{c}')
z = f'{a:{b:>3}}'
