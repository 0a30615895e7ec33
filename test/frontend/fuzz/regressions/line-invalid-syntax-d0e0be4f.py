y = (f'{a:{b:x}}'
     lambda f'{c}')