from .import x
from . import y
