"""coprod's languages: its own messages, the phrases of reports, and every word read or written.

Owns: ``messages`` (+ ``messages.yaml``: the catalogue of coprod's own
words), ``phrases`` (a text with its language), ``languages`` (which languages a
questionnaire and coprod speak), ``words`` (header aliases, yes/no, N/A and
don't-know words, side by side). May import: ``model``, ``errors``, ``files``.
"""
