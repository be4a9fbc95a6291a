"""Configs take this repo's runtime from configs/_base_/ instead of carrying a copy of it."""
import ast
import glob
import os.path as osp

from mmengine.config import Config

from tests.helpers.configs import REPO

CONFIGS = sorted(p for p in glob.glob(osp.join(REPO, 'configs', '**', '*.py'), recursive=True)
                 if '_base_' not in osp.relpath(p, REPO).split(osp.sep))
# hooks that only the runtime bases (det/cls/seg runtime) name
RUNTIME_HOOKS = {'EpochSeedHook', 'NumClassesCheckHook', 'AtomicCheckpointHook', 'ValLossHook',
                 'EpochTrainStatsHook'}


def _tree(path):
    with open(path, encoding='utf-8') as f:
        return ast.parse(f.read(), path)


def _top_level_names(tree):
    """Names a config assigns at module level (its own config keys)."""
    names = set()
    for node in tree.body:
        if isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, (ast.AnnAssign, ast.AugAssign)):
            targets = [node.target]
        else:
            continue
        names |= {n.id for t in targets for n in ast.walk(t) if isinstance(n, ast.Name)}
    return names


def _rel(path):
    return osp.relpath(path, REPO)


def test_configs_are_found():
    assert len(CONFIGS) > 10 and any('voc' in p for p in CONFIGS)


def test_configs_inherit_custom_imports():
    """custom_imports is set by a runtime base only; every config inherits it from there."""
    own = [_rel(p) for p in CONFIGS if 'custom_imports' in _top_level_names(_tree(p))]
    assert not own, f'configs setting custom_imports themselves (inherit a runtime base): {own}'
    missing = []
    for path in CONFIGS:
        cfg = Config.fromfile(path, import_custom_modules=False)
        if 'custom_modules' not in (cfg.get('custom_imports') or {}).get('imports', []):
            missing.append(_rel(path))
    assert not missing, f'configs whose bases do not load custom_modules: {missing}'


def test_configs_take_runtime_hooks_from_bases():
    """The runtime's hooks are listed in the bases; configs extend those lists by reference."""
    copies = {}
    for path in CONFIGS:
        named = {n.value for n in ast.walk(_tree(path))
                 if isinstance(n, ast.Constant) and n.value in RUNTIME_HOOKS}
        if named:
            copies[_rel(path)] = sorted(named)
    assert not copies, f'configs spelling out runtime hooks (use _base_.*custom_hooks): {copies}'
