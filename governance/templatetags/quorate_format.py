from django import template

from governance.rules.words import long_date, long_datetime

register = template.Library()
register.filter("long_date", long_date)
register.filter("long_datetime", long_datetime)


@register.filter
def get_item(mapping, key):
    """``mapping|get_item:key`` for dictionaries keyed by variables."""
    return mapping.get(key, ())


@register.filter
def add_list(first, second):
    """``a|add_list:b``: two lists one after the other."""
    return [*first, *second]


@register.filter
def pounds(value) -> str:
    """250000 as "£250,000"."""
    return f"£{value:,}" if value is not None else ""
