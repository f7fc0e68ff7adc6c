"""Blank forms for ``coprod template``: answer sheets (CSV/XLSX) and the paper form (PDF).

Owns: ``sheet`` (the blank answer sheet), ``paper`` (the printable form). May
import: ``report`` (for the paper form's renderer and labels), ``sheets``,
``questionnaire``, ``i18n``, ``files``, ``model``, ``errors``. Not another
command stage.
"""
