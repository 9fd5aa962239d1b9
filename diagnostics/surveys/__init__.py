"""Surveys of the territory's ESS actors: questionnaire builder, personal links, answers,
results, and their use as AFOM evidence. Models are in diagnostics/models/surveys.py."""
