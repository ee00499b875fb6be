"""`dyad serve`: kept for imports; the web side lives in `dyad.web`, one module per job."""
from .query import timeline  # noqa: F401
from .web import create_app, create_key, key_valid, list_keys, revoke_key, verify_key  # noqa: F401
from .web.svg import direction, highlight, network_svg, timeline_svg  # noqa: F401
