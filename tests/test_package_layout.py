"""The package's shape: installed, two layers importing one way, the application layer
grouped by job with one-way imports between its packages, plugin folders by kind and
scope, thin tools nobody imports."""
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
    fake.write_text('from ...apps.run import config\nimport custom_modules.apps.results\n')
    names = set(_imported_modules(fake, root=tmp_path))
    assert {'custom_modules.apps.run', 'custom_modules.apps.run.config',
            'custom_modules.apps.results'} <= names


def test_plugin_layer_never_imports_application_layer():
    offenders = [f'{p.relative_to(REPO)} imports {name}'
                 for p in _python_files('custom_modules/plugins')
                 for name in _imported_modules(p)
                 if name == 'custom_modules.apps' or name.startswith('custom_modules.apps.')]
    assert not offenders, offenders


APPS = Path(PACKAGE, 'apps')
PLUGINS = Path(PACKAGE, 'plugins')
JOB_PACKAGES = {'analysis', 'benchmarks', 'data', 'demo', 'detection', 'pbt', 'reports', 'run',
                'video'}
SHARED_LEAVES = {'results', 'user_errors'}  # the only modules at the apps root
# what an application package must not import: the jobs that use it (no import runs back up)
NOT_IMPORTED_BY = {
    'results': set(JOB_PACKAGES) | {'user_errors'},
    'user_errors': set(JOB_PACKAGES) | {'results'},
    'data': set(JOB_PACKAGES) - {'data'},
    'reports': {'analysis', 'benchmarks', 'demo', 'detection', 'pbt', 'run', 'video'},
    'run': {'analysis', 'benchmarks', 'demo', 'detection', 'pbt', 'video'},
}


def _apps_part(name: str) -> str:
    """``custom_modules.apps.<part>...`` -> ``<part>`` (else '')."""
    parts = name.split('.')
    return parts[2] if parts[:2] == ['custom_modules', 'apps'] and len(parts) > 2 else ''


def test_apps_root_holds_the_job_packages_and_a_few_shared_leaves():
    packages = {p.name for p in APPS.iterdir() if (p / '__init__.py').is_file()}
    modules = {p.stem for p in APPS.glob('*.py')} - {'__init__'}
    assert packages == JOB_PACKAGES
    assert modules == SHARED_LEAVES


@pytest.mark.parametrize('part', sorted(NOT_IMPORTED_BY))
def test_application_imports_run_one_way(part):
    """results and user_errors import nothing from the application layer; data nothing
    from the jobs; reports and run nothing from the jobs that use them."""
    root = APPS / part
    files = sorted(root.rglob('*.py')) if root.is_dir() else [root.with_suffix('.py')]
    offenders = [f'{p.relative_to(REPO)} imports {name}' for p in files
                 for name in _imported_modules(p)
                 if _apps_part(name) in NOT_IMPORTED_BY[part]]
    assert files and not offenders, offenders


def test_only_the_reports_package_draws_figures_and_writes_tables():
    """matplotlib, ``savefig`` and the table writer live in apps/reports; the others call it."""
    reports = APPS / 'reports'
    offenders = []
    for path in _python_files('custom_modules'):
        if reports in path.parents:
            continue
        tree = ast.parse(path.read_text())
        names = set(_imported_modules(path))
        if any(n.split('.')[0] == 'matplotlib' for n in names):
            offenders.append(f'{path.relative_to(REPO)} imports matplotlib')
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and node.attr == 'savefig':
                offenders.append(f'{path.relative_to(REPO)} calls savefig')
            if isinstance(node, ast.FunctionDef) and node.name in ('write_table', 'save_figure'):
                offenders.append(f'{path.relative_to(REPO)} defines {node.name}')
    assert not offenders, offenders


def _registries(path: Path):
    """``(package, registry)`` of each ``from <package>.registry import <REGISTRY>`` whose
    registry a decorator of the file registers into."""
    tree = ast.parse(path.read_text())
    imported = {alias.asname or alias.name: node.module.split('.')[0]
                for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
                and (node.module or '').endswith('.registry') for alias in node.names}
    found = set()
    for node in ast.walk(tree):
        for decorator in getattr(node, 'decorator_list', ()):
            text = ast.unparse(decorator)
            if 'register_module' in text and text.split('.')[0] in imported:
                found.add((imported[text.split('.')[0]], text.split('.')[0]))
    return found


def test_plugin_folders_hold_one_kind_each_and_name_their_scope():
    """transforms/ holds the pipeline transforms (and no other folder registers one),
    models/ registers into mmpretrain (or mmengine's root), mmdet_models/ into mmdet."""
    by_folder = {}
    for path in sorted(PLUGINS.rglob('*.py')):
        for package, registry in _registries(path):
            by_folder.setdefault(path.parent.name, set()).add((package, registry))
    assert by_folder['transforms'] and {r for _, r in by_folder['transforms']} == {'TRANSFORMS'}
    assert all(r != 'TRANSFORMS' for folder, found in by_folder.items()
               if folder != 'transforms' for _, r in found)
    assert {p for p, _ in by_folder['models']} <= {'mmpretrain', 'mmengine'}
    assert {p for p, _ in by_folder['mmdet_models']} == {'mmdet'}
    assert {r for _, r in by_folder['datasets']} <= {'DATASETS', 'FUNCTIONS'}


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


def test_every_import_inside_a_function_resolves():
    """Imports made on use (inside functions) fail only when that code runs: each one's module
    must exist and hold the imported names (a module moved without its callers fails here);
    the package's own modules and the tests' imports of them."""
    import importlib
    missing = []
    for path in _python_files('custom_modules', 'tests'):
        package = '.'.join(path.relative_to(REPO).with_suffix('').parts[:-1])
        for func in ast.walk(ast.parse(path.read_text())):
            if not isinstance(func, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            for node in ast.walk(func):
                if not isinstance(node, ast.ImportFrom):
                    continue
                base = node.module or ''
                if node.level:
                    parent = package.split('.')[:len(package.split('.')) - node.level + 1]
                    base = '.'.join(parent + ([node.module] if node.module else []))
                if not base.startswith('custom_modules'):  # optional packages (pavi) may be absent
                    continue
                try:
                    module = importlib.import_module(base)
                except ImportError as e:
                    missing.append(f'{path.relative_to(REPO)}:{node.lineno} {base} ({e})')
                    continue
                for alias in node.names:
                    if not hasattr(module, alias.name):
                        try:
                            importlib.import_module(f'{base}.{alias.name}')
                        except ImportError:
                            missing.append(f'{path.relative_to(REPO)}:{node.lineno} '
                                           f'{base}.{alias.name}')
    assert not missing, missing
