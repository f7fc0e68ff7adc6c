"""Reports: view-models for single, group and comparison reports, charts, and the renderer.

Owns: ``render`` (the one locked-down Jinja environment; WeasyPrint, lazily),
``single`` (a scored response to a report view), ``levels`` (where an
answer stands: level, next level, target and gap), ``views`` (the view classes),
``files`` (writing report files), ``labels`` (the report wording),
``formats`` (every output-format choice), ``recommendations``, and ``charts/``
(SVG primitives in ``svg`` and the single, group and compare charts). May
import: ``scoring``, ``i18n``, ``questionnaire``, ``model``, ``errors``,
``files``. Only ``render`` imports jinja2 or weasyprint.
"""
