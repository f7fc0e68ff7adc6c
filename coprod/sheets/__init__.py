"""Answer sheets: CSV/XLSX files of many people's answers to cells and problems.

Owns: ``files`` (bytes to tables), ``layouts`` (which survey tool wrote a sheet: its
header rows and its own columns), ``columns`` (what each column feeds), ``mapfile``
(a column mapping file), ``tally`` (every non-empty cell counted once), ``cells``
(a typed cell value), ``checks`` (per-cell problems), ``read`` (the whole sheet).
May import: ``responses``, ``questionnaire``, ``i18n``, ``model``, ``errors``,
``files``, ``gcpause``. Knows nothing of scoring or reports.
"""
