"""Response files: read, check against their questionnaire, write atomically.

Owns: ``files`` (load, save, match a response to a questionnaire), ``answers`` (is
one answer allowed; an answer as a number), ``checkline`` (the check line that
proves a file whole), ``salvage`` (what a damaged file still holds). May import:
``questionnaire``, ``model``, ``errors``, ``files``. Prints and renders nothing.
"""
