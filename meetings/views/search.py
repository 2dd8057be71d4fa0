"""The public search page: a GET form, so results can be bookmarked and work without
JavaScript."""

from __future__ import annotations

from django import forms
from django.shortcuts import render

from ..search import search


class SearchForm(forms.Form):
    q = forms.CharField(
        label="Search agenda items, papers, decisions and minutes",
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"type": "search", "class": "form-control"}),
        error_messages={"max_length": "Use fewer words: at most 200 characters."},
        help_text="Searches what the public may read: meetings held in public, their Part A "
        "papers (including the words inside them), decisions and confirmed minutes. Put a "
        'phrase in "quotes".',
    )


def search_page(request):
    form = SearchForm(request.GET or None)
    results, status = None, 200
    if form.is_bound:
        if form.is_valid():
            if form.cleaned_data["q"].strip():
                results = search(form.cleaned_data["q"].strip())
        else:
            status = 400
    return render(
        request, "meetings/search.html", {"form": form, "results": results}, status=status
    )
