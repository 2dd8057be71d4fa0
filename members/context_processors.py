from .access import roles_for


def roles(request):
    """The signed-in user's roles, for the navigation."""
    return {"roles": roles_for(request.user)}
