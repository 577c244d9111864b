"""Finding the kubectl-skstep binary: the one ``pip install`` put next to this interpreter first
(as ruff and uv find theirs), then ``PATH``."""

import os
import shutil
import sys
import sysconfig

NAME = "kubectl-skstep"


def _exe(name: str) -> str:
    return name + (".exe" if sys.platform == "win32" else "")


def find_binary() -> str:
    """The path of ``kubectl-skstep``: ``$SKSTEP_BIN`` if set, else the scripts directory of this
    interpreter's install scheme (and the user scheme), else ``PATH``."""
    explicit = os.environ.get("SKSTEP_BIN")
    if explicit:
        if not os.access(explicit, os.X_OK):
            raise FileNotFoundError(f"SKSTEP_BIN={explicit} is not an executable file")
        return explicit
    dirs = [sysconfig.get_path("scripts")]
    user_scheme = f"{os.name}_user"
    if user_scheme in sysconfig.get_scheme_names():
        dirs.append(sysconfig.get_path("scripts", scheme=user_scheme))
    for d in dirs:
        p = os.path.join(d, _exe(NAME))
        if os.path.isfile(p) and os.access(p, os.X_OK):
            return p
    found = shutil.which(NAME)
    if found:
        return found
    raise FileNotFoundError(
        f"{NAME} not found in {', '.join(dirs)} or on PATH: install it with `pip install .` "
        "from the kubectl-skstep repository (or set SKSTEP_BIN)"
    )
