"""Report 001-C: ResNeXt-29 vs ViT-13 vs ViT-6 on CIFAR-100 with PBT, in R001's layout:
Table 1 (the ViT layouts and parameter counts, with ResNeXt-29's count; from the
repository's configs, models built), Table 2 (the PBT search space: the configs'
``pbt_search``), Table 3 (validation and test top-1/top-5 of each model's best member)
and the curves of Fig. 10 (best member) and Fig. 11 (all members): training loss,
validation loss, validation top-1 and top-5 per epoch, the line broken where a member
took another's weights.

A model's numbers come from its PBT work dir (``pbt_result.json`` recording the config's
experiment metadata, ``members/<trial>/``, ``pbt_history.json``, written by
``tools/pbt_search.py``); without one, from a single run of the config
(``test_metrics.json``, last validation).
The detection part 001-B (Fig. 6): :mod:`.report001_det`."""
import functools
import glob
import os.path as osp
from typing import Dict, Tuple

from ..results import PBT_RESULT_FILE, load_epochs, read_json
from . import report001_det
from .common import CONFIG_ROOT, Compared, Layout, last_value, repo_config, with_errors
from .reference import R001_TABLE1, R001_TABLE2, R001_TABLE3, Figure

REPORT = '001-C'  # the configs' experiment.report; their experiment.backbone is the model
MODELS = ('ResNeXt-29', 'ViT-13', 'ViT-6')
CONFIG_METHOD = 'PBT, DeiT augmentation'  # experiment.method of the faithful configs
# Table 1: row -> key of the ViT backbone's ``arch``; its columns
VIT_ARCH = {'embedding dim': 'embed_dims', 'MLP hidden dim': 'feedforward_channels',
            'heads': 'num_heads', 'blocks': 'num_layers'}
TABLE1_MODELS = ('ViT-13', 'ViT-6', 'ResNeXt-29')
DISTRIBUTIONS = {'uniform': 'uniform', 'loguniform': 'log-uniform', 'choice': 'uniform choice'}
COLUMNS = ('val top-1', 'val top-5', 'test top-1', 'test top-5')
CURVE_PANELS = [('training loss', [('train/epoch_loss', 'training loss')]),
                ('validation loss', [('val/loss', 'validation loss')]),
                ('validation top-1 (%)', [('accuracy/top1', 'top-1')]),
                ('validation top-5 (%)', [('accuracy/top5', 'top-5')])]


def _members(pbt_dir: str) -> tuple:
    """``({trial: epochs}, {trial: exploit epochs})`` of a PBT work dir."""
    folders = sorted(p for p in glob.glob(osp.join(pbt_dir, 'members', '*')) if osp.isdir(p))
    epochs = {osp.basename(p): with_errors(load_epochs(p)) for p in folders}
    history = read_json(osp.join(pbt_dir, 'pbt_history.json')) or {}
    breaks = {}
    for event in history.get('exploits', []):
        breaks.setdefault(event['trial'], []).append(event['epoch'])
    return epochs, breaks


def _model_row(layout: Layout, model: str) -> dict:
    names = layout.find_all(report=REPORT, backbone=model)
    pbt = [n for n in names if osp.isfile(osp.join(layout.work_root, n, PBT_RESULT_FILE))]
    single = layout.find(report=REPORT, backbone=model) if not pbt else None
    pbt_dir = layout.run_dir(pbt[0]) if pbt else None
    result = read_json(osp.join(pbt_dir, PBT_RESULT_FILE)) if pbt_dir else None
    if result:
        values = dict(zip(COLUMNS, (result.get('val_top1'), result.get('val_top5'),
                                    result.get('test_top1'), result.get('test_top5'))))
        origin = f'{pbt[0]}, member {result.get("best_member", "?")}'
        epochs, breaks = _members(pbt_dir)
        best = result.get('best_member')
        layout.curves(f'{model}_best', f'{model}: best member (Fig. 10)',
                      {model: epochs.get(best, {})}, CURVE_PANELS,
                      breaks={model: breaks.get(best, [])})
        layout.curves(f'{model}_members', f'{model}: all members (Fig. 11)', epochs,
                      CURVE_PANELS, breaks=breaks)
    else:
        epochs = layout.epochs(single)
        metrics = layout.test_metrics(single) or {}
        values = {'val top-1': last_value(epochs, 'accuracy/top1')[1],
                  'val top-5': last_value(epochs, 'accuracy/top5')[1],
                  'test top-1': metrics.get('accuracy/top1'),
                  'test top-5': metrics.get('accuracy/top5')}
        origin = single if epochs or metrics else ''
        layout.curves(f'{model}_run', f'{model}: single run', {model: epochs}, CURVE_PANELS)
    return dict({'Model': model},
                **{c: Compared(values[c], R001_TABLE3.get((model, c))) for c in COLUMNS},
                run=origin)


def build_table3(layout: Layout) -> str:
    """Table 3 (each model's best PBT member, else its single run) and the curves of
    Figs. 10 and 11."""
    rows = [_model_row(layout, model) for model in MODELS]
    return layout.table('table3', 'Table 3: validation and test accuracy (%)', rows,
                        ['Model', *COLUMNS, 'run'],
                        note='Validation = last validation of the best member (PBT) or the '
                             'run; test = its final weights on the test split.')


@functools.lru_cache(maxsize=1)
def model_configs() -> Dict[str, Tuple[str, object]]:
    """``{model: (config path, loaded Config)}`` of the repository's faithful 001-C configs
    (experiment metadata report 001-C, the model as backbone, method :data:`CONFIG_METHOD`)."""
    from mmengine.config import Config
    found = {}
    for model in MODELS:
        path = repo_config(report=REPORT, backbone=model, method=CONFIG_METHOD)
        if path:
            found[model] = (path, Config.fromfile(path))
    return found


def parameter_count(cfg) -> int:
    """Parameters of the classifier of ``cfg``: its backbone, neck and head (an
    ImageClassifier's only parameters), built on the CPU (no weights loaded or initialised)
    in the config's scope, whatever scope an earlier step of this process left as default."""
    from mmengine.registry import DefaultScope
    from mmpretrain.registry import MODELS as REGISTRY
    with DefaultScope.overwrite_default_scope(cfg.get('default_scope', 'mmpretrain')):
        parts = [REGISTRY.build(cfg.model[k]) for k in ('backbone', 'neck', 'head')
                 if cfg.model.get(k)]
    return sum(p.numel() for part in parts for p in part.parameters())


def _table1_value(cfg, row: str):
    if row == 'parameters':
        return parameter_count(cfg)
    arch = cfg.model.backbone.get('arch')
    return arch.get(VIT_ARCH[row]) if isinstance(arch, dict) else None


def _config_names(configs: dict) -> str:
    return ', '.join(f'`{osp.relpath(path, osp.dirname(CONFIG_ROOT))}`'
                     for path, _ in configs.values()) or 'none found'


def build_table1(layout: Layout) -> str:
    """Table 1: rows = the ViT layout items and the parameter count, columns = ViT-13, ViT-6
    (and ResNeXt-29's count, R001 §4.2.1), each beside the report's figure; this
    repository's values from its configs (:func:`model_configs`), counts of the built models."""
    configs = model_configs()
    rows = []
    for row in (*VIT_ARCH, 'parameters'):
        cells = {'configuration': row}
        for model in TABLE1_MODELS:
            value = _table1_value(configs[model][1], row) if model in configs else None
            cells[model] = Compared(value, R001_TABLE1.get((row, model)))
        rows.append(cells)
    return layout.table(
        'table1', 'Table 1: ViT configurations and parameter counts', rows,
        ['configuration', *TABLE1_MODELS], digits=',.0f',
        note=f'This repository: the configs {_config_names(configs)} (parameters of the '
             'built backbone, neck and head). The ViT-13 reference count leaves out the class '
             'token and the learned position embedding (192 + 257 x 192 = 49,536) that the '
             'ViT-6 one includes and both models have.')


def _search_row(key: str, spec, models) -> dict:
    """A Table 2 row: the prior ``spec`` of ``key`` (None: the ``models`` have none)."""
    reference, spec = R001_TABLE2.get(key), spec or {}
    choice = spec.get('type') == 'choice'
    values = tuple(spec['values']) if choice else tuple(
        spec[end] for end in ('low', 'high') if end in spec)
    inner = ', '.join(f'{v:g}' for v in values)
    row = {'hyperparameter': reference.label if reference else key, 'pbt_search key': key,
           'distribution': DISTRIBUTIONS.get(spec.get('type'), spec.get('type', '')),
           'range': (f'{{{inner}}}' if choice else f'({inner})') if values else '',
           'range (reference figure)': reference.printed if reference else '',
           'models': ', '.join(models)}
    for column, pick in (('low', min), ('high', max)):
        figure = Figure(pick(reference.values), reference.source) if reference else None
        row[column] = Compared(float(pick(values)) if values else None, figure)
    return row


def build_table2(layout: Layout) -> str:
    """Table 2: one row per hyperparameter of the configs' ``pbt_search`` (per distinct
    prior if the three models' differ), its sampling range beside the report's, the
    interval ends (a set's smallest and largest value) compared."""
    configs = model_configs()
    spaces = {model: dict(cfg.get('pbt_search') or {}) for model, (_, cfg) in configs.items()}
    keys = list(R001_TABLE2) + sorted({k for space in spaces.values() for k in space}
                                      - set(R001_TABLE2))
    rows = []
    for key in keys:
        priors = {}  # the distinct priors of ``key`` -> the models that use each
        for model, space in spaces.items():
            spec = space.get(key)
            priors.setdefault(repr(spec), (spec, []))[1].append(model)
        rows += [_search_row(key, spec, models) for spec, models  # configs without it last
                 in sorted(priors.values(), key=lambda prior: prior[0] is None)]
    return layout.table(
        'table2', 'Table 2: PBT search space', rows,
        ['hyperparameter', 'pbt_search key', 'distribution', 'range',
         'range (reference figure)', 'low', 'high', 'models'],
        digits={'low': 'g', 'high': 'g'},
        note=f'This repository: `pbt_search` of {_config_names(configs)}; every member\'s '
             'initial values are drawn from these priors. The report prints the ranges only '
             '(not whether a range is sampled uniformly or log-uniformly).')


def build(work_root: str, out: str = None) -> str:
    layout = Layout('001', 'Report 001: ResNeXt-29 vs ViT-13 vs ViT-6 on CIFAR-100 (001-C, '
                    'PBT), Faster R-CNN initialisations on VOC2007 (001-B)', work_root, out)
    build_table1(layout)
    build_table2(layout)
    build_table3(layout)
    report001_det.build_init_runs(layout)
    return layout.finish('configs/cifar100_vit/resnext29-32x4d_1xb384-deit-pbt-200e_cifar100.py')
