"""Quorate's rule engines: plain Python, free of Django, with reasons a clerk can read out.

- ``calendar``: working days (UK bank holidays by nation, plus a body's closure days) and the
  notice deadline for agendas and papers.
- ``quorum``: is a meeting quorate for an item, and if not, exactly what is missing.
- ``voting``: is a motion carried under the body's voting rule.
- ``chair``: who presides.
- ``language``: reads a body's rules document (the ``rules`` of a terms-of-reference version)
  into the engines' inputs, and says in plain English what each rule is.
"""
