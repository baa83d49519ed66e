"""Imported once by the extraction workers' fork server (``app.extractor``): the rule
data is loaded and every pattern compiled there, so each worker forked from it starts
warm and a worker replaced after a timeout is ready in milliseconds."""

from app.nlp.pipeline import warm_up

RULES = warm_up()
