"""``coprod compare``: scored results side by side, over rounds or units.

Owns: ``core`` (pure: scored inputs to a ``Comparison``), ``results`` (the
dataclasses a comparison is made of), ``gather`` (files and
folders to scored inputs), ``write`` (CSV/XLSX/JSON/HTML/PDF out), ``report``
(the comparison report; its view classes in ``views``, its 'at a glance' in
``glance``, how it writes a figure in ``shown``). May import: ``report``,
``console``, ``scoring`` and below. Not another command stage.
"""
