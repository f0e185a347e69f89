"""printprog: a conference schedule in, print-ready PDFs out.

Importing the package changes nothing in the process (no library of anyone's is patched);
the command line's start-up tuning is :mod:`printprog.cli.startup`.
"""

__version__ = "0.1.0"
