"""The import direction written in docs/architecture.md, checked on the source:
plans → bulletins → procedures → thachha_portal, and only the project package's
wiring modules import the apps (so the apps never reach them back)."""

import ast
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
# Lowest first: each package may import only itself and those before it.
LAYERS = ["thachha_portal", "procedures", "bulletins", "plans"]
# The modules of the project package that know the apps (thachha_portal/wiring.py
# and what imports it). Nothing below them may import them.
WIRING = {
    "thachha_portal.apps",
    "thachha_portal.wiring",
    "thachha_portal.urls",
    "thachha_portal.views",
    "thachha_portal.roles",
    "thachha_portal.demo",
    "thachha_portal.management.commands.load_demo",
    "thachha_portal.templating",  # each app's template helpers
    "thachha_portal.management.commands.makemessages",  # reads templating
}


def module_name(path):
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported_modules(path):
    """Every module ``path`` imports (at the top or inside a function), absolute."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = (
                    package.rsplit(".", node.level - 1)[0]
                    if node.level > 1
                    else package
                )
                base = f"{base}.{node.module}" if node.module else base
            else:
                base = node.module
            found.add(base)
            # "from . import wiring" imports the module thachha_portal.wiring
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return found


def sources(layer):
    return sorted((ROOT / layer).rglob("*.py"))


def test_the_layers_cover_every_app_of_the_repository():
    local = {path.parent.name for path in ROOT.glob("*/apps.py") if path.parent.name}
    assert set(LAYERS) == local


@pytest.mark.parametrize("layer", LAYERS)
def test_each_package_imports_only_the_packages_below_it(layer):
    allowed = set(LAYERS[: LAYERS.index(layer) + 1])
    wrong = []
    for path in sources(layer):
        name = module_name(path)
        for imported in imported_modules(path):
            top = imported.split(".")[0]
            if top not in LAYERS:
                continue  # the standard library, Django, other libraries
            if name in WIRING:
                continue  # the project's wiring imports every app
            if top not in allowed:
                wrong.append(f"{name} imports {imported}")
            elif any(imported == w or imported.startswith(w + ".") for w in WIRING):
                wrong.append(f"{name} imports the wiring module {imported}")
    assert not wrong, "\n".join(wrong)
