"""Scoring: pure functions from responses to scores, and the spread of many scores.

Owns: ``score`` (one response to principle and overall scores, bands, rules),
``scored`` (a scored response file: ``Scored``, ``score_file``, which
questionnaire a response is scored with), ``marks`` (how a score is shown:
one decimal, or marks such as "6 of 15"), ``spread`` (n, mean, quartiles,
consensus, the thresholds shared by batch and compare). May import:
``responses``, ``questionnaire``, ``model``, ``errors``, ``files``.
"""
