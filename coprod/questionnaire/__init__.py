"""Questionnaires: YAML to a validated model, every problem located, and the built-ins.

Owns: ``load`` (find and load, content hash), ``checks`` (cross-checks the schema
cannot express; missing translations), ``instruments`` (the checks for
audiences, agreement scales and marks), ``validation`` (pydantic errors to located
problems), ``ids`` (ids that must read differently), ``builtin`` (the
questionnaires shipped with coprod). May import:
``model``, ``errors``, ``files``. Prints and renders nothing.
"""
