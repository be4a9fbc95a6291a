"""Configs take this repo's runtime from configs/_base_/ instead of carrying a copy of it."""
import ast
import functools
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


@functools.lru_cache(maxsize=None)
def _load(path):
    return Config.fromfile(path, import_custom_modules=False)


def test_configs_are_found():
    assert len(CONFIGS) > 10 and any('voc' in p for p in CONFIGS)


def test_configs_inherit_custom_imports():
    """custom_imports is set by a runtime base only; every config inherits it from there."""
    own = [_rel(p) for p in CONFIGS if 'custom_imports' in _top_level_names(_tree(p))]
    assert not own, f'configs setting custom_imports themselves (inherit a runtime base): {own}'
    missing = []
    for path in CONFIGS:
        cfg = _load(path)
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


def _repo_parents(path):
    """The configs of this repo that ``path`` names in ``_base_`` (not ``pkg::`` ones)."""
    for node in _tree(path).body:
        if isinstance(node, ast.Assign) and any(getattr(t, 'id', None) == '_base_'
                                                for t in node.targets):
            bases = ast.literal_eval(node.value)
            bases = [bases] if isinstance(bases, str) else bases
            return [osp.normpath(osp.join(osp.dirname(path), b)) for b in bases if '::' not in b]
    return []


def _chain(path):
    """The longest line of this repo's files from ``path`` up through its ``_base_``s."""
    longest = max((_chain(p) for p in _repo_parents(path)), key=len, default=[])
    return [path, *longest]


def test_inheritance_is_shallow():
    """A config's own lines plus at most four files of this repo above it; and at most one
    experiment config (outside configs/_base_/) per line of inheritance except the optimiser
    comparison (SGD arm -> Adam arm -> task-1 final)."""
    deep = {_rel(p): [_rel(a) for a in _chain(p)] for p in CONFIGS if len(_chain(p)) > 5}
    assert not deep, f'inheritance deeper than 5 files: {deep}'
    experiments = {_rel(p): [_rel(a) for a in _chain(p) if '_base_' not in a] for p in CONFIGS}
    long = {k: v for k, v in experiments.items() if len(v) > 2 and '-sgd-const-' not in k}
    assert not long, f'a variant of a variant (inherit the baseline instead): {long}'


def test_cifar100_matrix_variants_inherit_their_baseline():
    """configs/cifar100/<backbone>_1xb128-<method>_cifar100.py = <backbone>_1xb128_cifar100.py
    plus its method's lines (CutMix α=0.2 inherits the baseline, not the α=0.4 config)."""
    variants = glob.glob(osp.join(REPO, 'configs/cifar100/*_1xb128-*_cifar100.py'))
    assert len(variants) >= 18
    wrong = {}
    for path in variants:
        backbone = osp.basename(path).split('_1xb128-')[0]
        baseline = osp.join(osp.dirname(path), f'{backbone}_1xb128_cifar100.py')
        if _repo_parents(path) != [baseline]:
            wrong[_rel(path)] = [_rel(p) for p in _repo_parents(path)]
    assert not wrong, f'matrix variants not inheriting their baseline: {wrong}'


def _hooks_in(node):
    """Hook dicts (``type`` ending in 'Hook') anywhere in a config value."""
    if isinstance(node, dict):
        own = [node['type']] if str(node.get('type', '')).endswith('Hook') else []
        return own + [h for value in node.values() for h in _hooks_in(value)]
    if isinstance(node, (list, tuple)):
        return [h for value in node for h in _hooks_in(value)]
    return []


def test_model_data_and_schedule_bases_hold_no_hooks():
    """Hooks are the runtime bases' and the experiment configs' business: a model, dataset or
    schedule base that defines a hook piece makes a config assemble its hooks from files
    that are about something else."""
    pieces = [p for kind in ('models', 'datasets', 'schedules')
              for p in glob.glob(osp.join(REPO, 'configs/_base_', kind, '*.py'))]
    assert len(pieces) > 10
    found = {}
    for path in pieces:
        cfg = Config.fromfile(path, import_custom_modules=False).to_dict()
        names = [k for k in cfg if 'hook' in k.lower()] + _hooks_in(cfg)
        if names:
            found[_rel(path)] = names
    assert not found, f'hook pieces in model/dataset/schedule bases: {found}'


def test_loaders_without_workers_say_persistent_workers_false():
    """mmpretrain's own tools/train.py makes persistent_workers=True the default of every
    dataloader (mmdet's and mmseg's dataset bases set it too), and torch refuses it without
    worker processes: a loader with num_workers=0 says False itself."""
    wrong = {}
    for path in CONFIGS:
        cfg = _load(path)
        for name in ('train_dataloader', 'val_dataloader', 'test_dataloader'):
            loader = cfg.get(name) or {}
            if loader.get('num_workers', 1) == 0 and loader.get('persistent_workers', True):
                wrong.setdefault(_rel(path), []).append(name)
    assert not wrong, f'num_workers=0 without persistent_workers=False: {wrong}'
