"""``coprod assess``: the interactive session, its screens, and answers files.

Owns: ``session`` (the loop: ask, save, resume, score), ``screens`` (Rich
screens and the console UI), ``typed`` (what a typed key or word means),
``answers_file`` (answers given in a file), ``damaged`` (resuming a damaged
file). May import: ``report``,
``console``, ``scoring`` and everything below. Not another command stage.
"""
