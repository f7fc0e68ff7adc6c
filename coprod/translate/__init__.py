"""`coprod translate`: texts out to translators' tools (PO, XLIFF) and their translations back in.

Owns: ``units`` (one text to translate, and a translation file's header),
``formats`` (PO and XLIFF through translate-toolkit), ``questionnaire`` (a
questionnaire's texts out, translations written back into its YAML with ruamel,
comments and layout kept), ``interface`` (coprod's own messages and report
labels in the gettext layout) and ``run`` (the entry points). May import:
``questionnaire``, ``i18n``, ``files``, ``model``, ``errors``.
"""
