"""Response files: read, check against their questionnaire, write atomically.

Owns: ``files`` (load, save, match a response to a questionnaire), ``answers`` (is
one answer allowed; an answer as a number). May import: ``questionnaire``,
``model``, ``errors``, ``files``. Prints and renders nothing.
"""
