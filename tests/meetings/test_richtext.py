"""Minutes typed in the plain form: paragraphs, "- " lists, **bold**, _italics_ and
[links](https://…) become safe HTML, and come back for editing as they were typed. Nothing
else survives the sanitiser. No database."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from meetings.richtext import as_typed, clean_minute

TYPED = (
    "The Board **agreed** the plan, _subject to_ the [audit report](https://example.org/a?b=1&c=2).\n"
    "\n"
    "- Bexley first\n"
    "- Then **Lambeth**"
)


def test_the_markup_becomes_html_and_comes_back_as_typed():
    html = clean_minute(TYPED)
    assert html == (
        "<p>The Board <strong>agreed</strong> the plan, <em>subject to</em> the "
        '<a href="https://example.org/a?b=1&amp;c=2" rel="noopener">audit report</a>.</p>'
        "<ul><li>Bexley first</li><li>Then <strong>Lambeth</strong></li></ul>"
    )
    assert as_typed(html) == TYPED


def test_nothing_unsafe_survives():
    html = clean_minute(
        '[click](javascript:alert(1)) <script>alert(1)</script> <img src=x onerror="alert(1)">'
        ' [x](https://a.example/"onmouseover="alert(1))'
    )
    # Left as words, never as a link, a script or an attribute.
    assert html == (
        '<p>[click](javascript:alert(1))   [x](https://a.example/"onmouseover="alert(1))</p>'
    )


def test_words_with_underscores_and_lone_stars_are_left_alone():
    assert clean_minute("snake_case_name and 2 * 3 * 4") == ("<p>snake_case_name and 2 * 3 * 4</p>")


def test_a_link_goes_only_to_a_whole_address_and_an_odd_one_comes_back_as_html():
    """A stray "<A HREF=" once became a link to "</p" that came back for editing as "[](</p)",
    which saved again as something else (hypothesis found it)."""
    assert clean_minute("<A HREF=") == '<p><a rel="noopener"></a></p>'
    assert clean_minute('<a href="/minutes">ours</a>') == '<p><a rel="noopener">ours</a></p>'
    for typed in (
        "<A HREF=",
        '<a href="https://a.example/"></a>',
        '<a href="https://a.example/">a]b</a>',
    ):
        saved = clean_minute(typed)
        assert as_typed(saved) == saved and clean_minute(as_typed(saved)) == saved


@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=80))
def test_editing_what_was_saved_and_saving_it_again_changes_nothing(typed):
    saved = clean_minute(typed)
    assert clean_minute(as_typed(saved)) == saved
