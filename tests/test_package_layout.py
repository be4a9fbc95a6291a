"""The package's shape: installed, two layers importing one way, thin tools nobody imports."""
import ast
import os
import os.path as osp
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers.configs import REPO

PACKAGE = Path(REPO, 'custom_modules')
TOOLS = sorted(Path(REPO, 'tools').rglob('*.py'))
TOOL_DEFS = {'main', 'parse_args'}  # all a thin CLI defines


def _imported_modules(path: Path, root=REPO):
    """Absolute names of the modules ``path`` imports (relative imports resolved)."""
    package = '.'.join(path.relative_to(root).with_suffix('').parts[:-1])
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ''
            if node.level:
                parent = package.split('.')[:len(package.split('.')) - node.level + 1]
                base = '.'.join(parent + ([node.module] if node.module else []))
            yield base
            yield from (f'{base}.{alias.name}' for alias in node.names)


def _python_files(*folders):
    return [p for folder in folders for p in sorted(Path(REPO, folder).rglob('*.py'))]


def test_import_resolution_sees_relative_and_absolute_imports(tmp_path):
    """The checker itself: it must flag both spellings of an upward import."""
    fake = tmp_path / 'custom_modules' / 'plugins' / 'hooks' / 'probe.py'
    fake.parent.mkdir(parents=True)
    fake.write_text('from ...apps import launch\nimport custom_modules.apps.reporting\n')
    names = set(_imported_modules(fake, root=tmp_path))
    assert {'custom_modules.apps', 'custom_modules.apps.launch',
            'custom_modules.apps.reporting'} <= names


def test_plugin_layer_never_imports_application_layer():
    offenders = [f'{p.relative_to(REPO)} imports {name}'
                 for p in _python_files('custom_modules/plugins')
                 for name in _imported_modules(p)
                 if name == 'custom_modules.apps' or name.startswith('custom_modules.apps.')]
    assert not offenders, offenders


def test_nothing_imports_tools():
    offenders = []
    for path in _python_files('custom_modules', 'tools', 'tests'):
        if path == Path(__file__):
            continue
        text = path.read_text()
        names = set(_imported_modules(path))
        if any(n == 'tools' or n.startswith('tools.') for n in names):
            offenders.append(f'{path.relative_to(REPO)} imports tools')
        if re.search(r'\bspec_from_file_location\b|\bload_tool\b', text):
            offenders.append(f'{path.relative_to(REPO)} loads a script as a module')
    assert not offenders, offenders


@pytest.mark.parametrize('tool', TOOLS, ids=lambda p: str(p.relative_to(REPO)))
def test_tools_are_thin_clis(tool):
    """A tool parses arguments and calls the package: no library code, no sys.path edits."""
    tree = ast.parse(tool.read_text())
    defs = {node.name for node in tree.body
            if isinstance(node, (ast.FunctionDef, ast.ClassDef, ast.AsyncFunctionDef))}
    assert defs <= TOOL_DEFS, f'{tool.name} defines {sorted(defs - TOOL_DEFS)}'
    assert 'sys.path' not in tool.read_text()


def test_importable_from_anywhere_and_every_tool_answers_help(tmp_path):
    """Outside the repo (no PYTHONPATH): the installed package imports, configs' custom_imports
    resolve, and each tool runs as far as ``--help``."""
    script = '\n'.join([
        'import runpy, sys',
        'import custom_modules',
        'print("package", custom_modules.__file__)',
        'for tool in sys.argv[1:]:',
        '    sys.argv = [tool, "--help"]',
        '    try:',
        '        runpy.run_path(tool, run_name="__main__")',
        '    except SystemExit as e:',
        '        assert e.code in (0, None), (tool, e.code)',
        '    print("ok", tool)',
    ])
    env = {k: v for k, v in os.environ.items() if k != 'PYTHONPATH'}
    env['OMP_NUM_THREADS'] = '1'
    result = subprocess.run([sys.executable, '-c', script, *map(str, TOOLS)], cwd=tmp_path,
                            env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    first = result.stdout.splitlines()[0]
    assert first == f'package {osp.join(REPO, "custom_modules", "__init__.py")}'
    assert result.stdout.count('\nok ') == len(TOOLS)
