"""Reading and writing files: YAML with line numbers, CSV/XLSX/JSON tables, atomic saves, and
where coprod's own data files are.

Owns: ``yamlio`` (YAML to located data), ``tables`` (rows out to CSV, XLSX, JSON),
``atomic`` (write-then-rename), ``resources`` (built-in questionnaires, templates,
the message catalogue). May import: ``coprod.errors`` only. Knows no questionnaire.
"""
