from .access import roles_for


def roles(request):
    """The signed-in user's roles and the site section, for the navigation."""
    return {
        "roles": roles_for(request.user),
        "nav_section": request.path.strip("/").split("/")[0],
    }
