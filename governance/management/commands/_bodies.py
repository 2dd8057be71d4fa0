"""Shared by the what-if commands: BODY is a body's slug or the path of a body file."""

from __future__ import annotations

import datetime
from pathlib import Path

from django.core.management.base import CommandError

from governance.bodyfile import BodyFile, BodyFileError, read
from governance.models import Body


def body_or_file(value: str) -> Body | BodyFile:
    if value.endswith((".yaml", ".yml")) or Path(value).exists():
        try:
            return read(Path(value))
        except BodyFileError as error:
            raise CommandError(str(error), returncode=2) from error
    body = Body.objects.filter(slug=value).first()
    if body is None:
        raise CommandError(
            f"There is no body '{value}': give a body's slug or a body file.", returncode=2
        )
    return body


def terms_in_force(body: Body, on: datetime.date):
    terms = body.terms_in_force(on)
    if terms is None:
        raise CommandError(
            f"The {body.name} had no terms of reference in force on {on:%-d %B %Y}.",
            returncode=2,
        )
    return terms
