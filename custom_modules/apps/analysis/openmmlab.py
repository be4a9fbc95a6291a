"""OpenMMLab's own analysis tools, run on this repo's configs and work dirs.

mmpretrain, mmdet and mmseg ship their analysis scripts inside their packages
(``<package>/.mim/tools``). This module picks the package a config belongs to
(its ``default_scope``), registers this repo's modules (``import
custom_modules``) and runs that package's script as ``__main__`` with the
user's arguments, so every option and output is the script's own; nothing is
re-implemented. Log plots go through mmpretrain's ``analyze_logs.py``, which
reads any mmengine JSON log (``<run>/<timestamp>/vis_data/scalars.json`` or
``<timestamp>.json``) and draws any of its scalars, several runs in one figure.
"""
import importlib.util
import os
import os.path as osp
import runpy
import sys
import tempfile
from typing import Optional, Sequence

from custom_modules.errors import UserInputError

from ..run.config import load_config
from ..user_errors import user_errors

SCOPES = ('mmpretrain', 'mmdet', 'mmseg')
# tool -> {scope: script under <package>/.mim/tools}
SCRIPTS = {
    'print_config': {scope: 'misc/print_config.py' for scope in SCOPES},
    'browse_dataset': dict(mmpretrain='visualization/browse_dataset.py',
                           mmdet='analysis_tools/browse_dataset.py',
                           mmseg='analysis_tools/browse_dataset.py'),
    'confusion_matrix': {scope: 'analysis_tools/confusion_matrix.py' for scope in SCOPES},
    'get_flops': {scope: 'analysis_tools/get_flops.py' for scope in SCOPES},
    'analyze_logs': dict(mmpretrain='analysis_tools/analyze_logs.py'),
}


def packaged_script(scope: str, relative: str) -> str:
    """Path of ``relative`` inside ``<scope package>/.mim/tools``."""
    spec = importlib.util.find_spec(scope)
    if spec is None or spec.origin is None:
        raise UserInputError(f'{scope} is not installed')
    path = osp.join(osp.dirname(spec.origin), '.mim', 'tools', relative)
    if not osp.isfile(path):
        raise UserInputError(f'{scope} {getattr(sys.modules.get(scope), "__version__", "")} '
                             f'does not ship tools/{relative}')
    return path


def find_config(argv: Sequence[str]):
    """``(index, Config)`` of the config among ``argv`` (the first ``*.py`` argument), or None."""
    index = next((i for i, a in enumerate(argv) if a.endswith('.py') and not a.startswith('-')),
                 None)
    return None if index is None else (index, load_config(argv[index]))


def _browse_classification(argv: Sequence[str], index: int, cfg) -> list:
    """mmpretrain's browse_dataset.py on this stack: it passes ``cfg.visualizer`` as keyword
    arguments, but mmengine 0.10.7 adds ``_scope_`` to dicts inherited from ``mmpretrain::``
    bases, which ``UniversalVisualizer`` rejects, so the script gets a child config without
    that key; and its default mode needs an older matplotlib (below)."""
    argv = list(argv)
    visualizer = cfg.visualizer.to_dict()
    visualizer.pop('_scope_', None)
    folder = tempfile.mkdtemp(prefix='browse_dataset_')
    child = osp.join(folder, osp.basename(argv[index]))
    with open(child, 'w') as f:
        f.write(f'_base_ = [{osp.abspath(argv[index])!r}]\n'
                f'visualizer = dict(_delete_=True, **{visualizer!r})\n')
    argv[index] = child
    if not {'-m', '--mode'} & set(argv):
        # its grid modes call matplotlib's adjust_bbox with the pre-3.9 signature and fail
        # on matplotlib 3.11; 'original' (the images as loaded, labelled) does not use it
        argv += ['--mode', 'original']
    return argv


# (tool, scope) -> argv rewrite working around a packaged script's incompatibility
FIXUPS = {('browse_dataset', 'mmpretrain'): _browse_classification}


def run_analysis_tool(tool: str, argv: Sequence[str]) -> None:
    """Run OpenMMLab's ``tool`` script of the config's package with ``argv``."""
    scripts = SCRIPTS[tool]
    found = find_config(argv)
    scope = found[1].get('default_scope', 'mmpretrain') if found else next(iter(scripts))
    if scope not in SCOPES:
        raise UserInputError(f'{argv[found[0]]}: default_scope {scope!r} is not one of '
                             f'{SCOPES}')
    if scope not in scripts:
        raise UserInputError(f'{tool} has no {scope} version; it works with '
                             f'{", ".join(scripts)} configs')
    script = packaged_script(scope, scripts[scope])
    if found and (tool, scope) in FIXUPS:
        argv = FIXUPS[tool, scope](argv, *found)
    import custom_modules  # noqa: F401  (this repo's types, for configs and checkpoints)
    os.environ.setdefault('MPLBACKEND', 'Agg')  # files, not windows, unless asked otherwise
    saved = sys.argv
    sys.argv = [script, *argv]
    try:
        runpy.run_path(script, run_name='__main__')
    finally:
        sys.argv = saved


def main(tool: str, argv: Optional[Sequence[str]] = None) -> None:
    """The command line of ``tools/analysis_tools/<tool>.py``: user errors as one line
    (``--debug``: with the traceback)."""
    argv = list(sys.argv[1:] if argv is None else argv)
    debug = '--debug' in argv
    with user_errors(debug):
        run_analysis_tool(tool, [arg for arg in argv if arg != '--debug'])
