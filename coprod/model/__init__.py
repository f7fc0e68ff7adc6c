"""The questionnaire and response models: what a YAML file means once it is valid.

Models are frozen pydantic classes with ``extra="forbid"`` so that a typo such as
``wieght`` is an error rather than a silently ignored key. Cross-references
(a question's scale exists, a rule names a real principle, ...) are checked by
:mod:`coprod.questionnaire.checks`, which can run even when the structure is broken.

Owns: ``base`` (texts in several languages, ids, the bounds on numbers, the frozen
base model), ``questions`` (sources, scales, bands, conditions and the question
types, grids among them), ``questionnaire`` (principles, rules, recommendations,
scoring settings, earlier versions, the questionnaire) and ``response`` (a
response file: respondent, answers, statuses), all re-exported here so that every
stage imports them from ``coprod.model``. May import: nothing in coprod.
"""

from __future__ import annotations

from coprod.model.base import (
    ANY_LANGUAGE,
    FORMAT_VERSION,
    MAX_LEVEL,
    MAX_NUMBER,
    MAX_WEIGHT,
    REVIEWED,
    FrozenModel,
    Identifier,
    Text,
    has_language,
    pick,
    reviewed_languages,
    wordings,
)
from coprod.model.questionnaire import (
    EarlierVersion,
    Principle,
    Priority,
    Questionnaire,
    Recommendation,
    Rule,
    ScoringSettings,
)
from coprod.model.questions import (
    Band,
    Choice,
    Condition,
    GridPlace,
    GridRow,
    InGrid,
    Level,
    MultipleChoiceQuestion,
    NumberQuestion,
    NumberScoring,
    Question,
    QuestionBase,
    Scale,
    ScaleQuestion,
    SingleChoiceQuestion,
    Source,
    Step,
    TextQuestion,
    YesNoQuestion,
)
from coprod.model.response import (
    PERSPECTIVES,
    Answer,
    AnswerValue,
    QuestionnaireRef,
    Respondent,
    Response,
    Status,
)

__all__ = [
    "ANY_LANGUAGE",
    "FORMAT_VERSION",
    "MAX_LEVEL",
    "MAX_NUMBER",
    "MAX_WEIGHT",
    "PERSPECTIVES",
    "REVIEWED",
    "Answer",
    "AnswerValue",
    "Band",
    "Choice",
    "Condition",
    "EarlierVersion",
    "FrozenModel",
    "GridPlace",
    "GridRow",
    "Identifier",
    "InGrid",
    "Level",
    "MultipleChoiceQuestion",
    "NumberQuestion",
    "NumberScoring",
    "Principle",
    "Priority",
    "Question",
    "QuestionBase",
    "Questionnaire",
    "QuestionnaireRef",
    "Recommendation",
    "Respondent",
    "Response",
    "Rule",
    "Scale",
    "ScaleQuestion",
    "ScoringSettings",
    "SingleChoiceQuestion",
    "Source",
    "Status",
    "Step",
    "Text",
    "TextQuestion",
    "YesNoQuestion",
    "has_language",
    "pick",
    "reviewed_languages",
    "wordings",
]
