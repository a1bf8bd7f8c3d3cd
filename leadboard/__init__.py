"""leadboard: a terminal pipeline board for sales leads."""

import importlib.util
import sys

__version__ = "0.1.0"


def _load_when_used(name: str) -> None:
    """Make `import name` cheap: the module runs the first time one of its names is read."""
    if name in sys.modules:
        return
    spec = importlib.util.find_spec(name)
    if spec is None or spec.loader is None:
        return
    spec.loader = importlib.util.LazyLoader(spec.loader)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)


# pendulum imports dateutil's parser at start-up, for a fallback of pendulum.parse that
# leadboard's own date reading does not use: 13 ms of every command's and the board's start.
# Should anything reach it, the parser loads then.
_load_when_used("dateutil.parser")
