"""Writes that touch several models, one module per topic: ``schedule``, ``agenda``,
``papers``, ``publication``, ``apologies``, and in the room ``attendance``, ``proceedings``
and ``record``. Each function is keyword-only and checks what it is given."""
