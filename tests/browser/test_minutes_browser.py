"""The minutes editor in a real browser: the clerk drafts the minutes from the record in one
click, writes an item's minute, and it is saved as they type (htmx), with no click; the
editor and the minutes pass axe-core's WCAG checks and fit 320 px. Screenshots go to
``data/screenshots/``."""

from __future__ import annotations

import pytest

from meetings.models import Minutes
from tests.meetings.test_minutes import clock, held  # noqa: F401 (fixtures)

from .test_accessibility import check
from .test_console_browser import shoot, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_clerk_drafts_the_minutes_and_they_save_as_they_type(browser, live_server, request):
    setting = request.getfixturevalue("held")
    editor = f"{live_server.url}/meetings/{setting.meeting.pk}/minutes/edit/"
    page = sign_in(browser, live_server, setting.clerk, width=1280)
    page.goto(editor)
    page.click("button:has-text('Draft the minutes from the record')")
    page.locator("text=The draft minutes are ready").wait_for()
    minute = Minutes.objects.get().item_minutes.get(item__title="Community diagnostics")
    box = page.locator(f"#id_m{minute.pk}-text")
    box.fill("The board welcomed the hubs.\n\n- Bexley first\n- Then Lambeth")
    page.locator(f"#minute-status-{minute.pk}", has_text="Saved at").wait_for()
    minute.refresh_from_db()
    assert minute.text == (
        "<p>The board welcomed the hubs.</p><ul><li>Bexley first</li><li>Then Lambeth</li></ul>"
    )
    box.fill("The board welcomed the four hubs.")  # a second autosave, on the new revision
    page.locator(f"#minute-status-{minute.pk}", has_text="Saved at").wait_for()
    page.wait_for_function(
        "([id, n]) => document.getElementById(id).value === String(n)",
        arg=[f"id_m{minute.pk}-revision", minute.revision + 1],
    )
    minute.refresh_from_db()
    assert minute.text == "<p>The board welcomed the four hubs.</p>"
    shoot(page, "minutes-editor-1280")
    assert check(page, editor, 1280) == []
    reader = f"{live_server.url}/meetings/{setting.meeting.pk}/minutes/"
    assert check(page, reader, 1280) == []
    shoot(page, "minutes-read-1280")

    narrow = sign_in(browser, live_server, setting.clerk, width=320)
    assert check(narrow, editor, 320) == []
    shoot(narrow, "minutes-editor-320")
    assert check(narrow, reader, 320) == []
