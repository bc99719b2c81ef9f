"""Build the prototype in place: python setup.py build_ext --inplace (needs Cython and a C compiler)."""
from setuptools import setup
from Cython.Build import cythonize

setup(name="healthlint-textcore-prototype", ext_modules=cythonize("textcore.pyx", language_level=3), zip_safe=False)
