"""Every module the plugin layer registers documents its arguments and shows a config snippet."""
import ast
from pathlib import Path

import pytest

from tests.helpers.configs import REPO

PLUGINS = Path(REPO, 'custom_modules', 'plugins')


def registered(root: Path):
    """``(file, registered name, docstring)`` of each ``@X.register_module()`` class/function."""
    for path in sorted(root.rglob('*.py')):
        for node in ast.walk(ast.parse(path.read_text())):
            if not isinstance(node, (ast.ClassDef, ast.FunctionDef)):
                continue
            for decorator in node.decorator_list:
                if 'register_module' in ast.unparse(decorator):
                    names = [k.value.value for k in getattr(decorator, 'keywords', ())
                             if k.arg == 'name' and isinstance(k.value, ast.Constant)]
                    yield path, (names or [node.name])[0], ast.get_docstring(node) or ''


def problems(root: Path):
    found = []
    for path, name, doc in registered(root):
        if 'Args:' not in doc:
            found.append(f'{path.name}: {name} has no Args: section')
        if 'Example::' not in doc or f"type='{name}'" not in doc:
            found.append(f"{path.name}: {name} shows no config snippet with type='{name}'")
    return found


def test_registered_modules_are_documented():
    assert len(list(registered(PLUGINS))) >= 20  # the walk finds them
    assert problems(PLUGINS) == []


@pytest.mark.parametrize('doc', ['"""Only a summary."""', '"""Args:\n    x: y.\n"""'])
def test_the_check_catches_a_missing_section(tmp_path, doc):
    (tmp_path / 'm.py').write_text(f'@HOOKS.register_module()\nclass Probe:\n    {doc}\n')
    assert problems(tmp_path)
