"""``coprod batch``: many people's answer sheets scored and summarised, and the group report.

Owns: ``run`` (``BatchResult``, ``run_batch``: pure), ``columns`` (scoring whole
columns at once), ``principles`` (a principle's figures for many people), ``stats``
(a group's figures by question, principle and group), ``write`` (CSV/XLSX/JSON/HTML/PDF
out), ``view`` (the terminal view), ``report``, ``sections``, ``views``, ``grids`` and ``room`` (the
group report). May import:
``report``, ``console``, ``scoring``, ``sheets`` and below. Not another command stage.
"""
