from os import path as p, 
    sep