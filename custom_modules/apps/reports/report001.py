"""Report 001-C: ResNeXt-29 vs ViT-13 vs ViT-6 on CIFAR-100 with PBT, in R001's layout:
Table 3 (validation and test top-1/top-5 of each model's best member) and the curves
of Fig. 10 (best member) and Fig. 11 (all members): training loss, validation loss,
validation top-1 and top-5 per epoch, the line broken where a member took another's
weights.

A model's numbers come from its PBT work dir (``pbt_result.json`` recording the config's
experiment metadata, ``members/<trial>/``, ``pbt_history.json``, written by
``tools/pbt_search.py``); without one, from a single run of the config
(``test_metrics.json``, last validation).
The detection part 001-B (Fig. 6): :mod:`.report001_det`."""
import glob
import os.path as osp

from ..results import PBT_RESULT_FILE, load_epochs, read_json
from . import report001_det
from .common import Compared, Layout, last_value, with_errors
from .reference import R001_TABLE3

REPORT = '001-C'  # the configs' experiment.report; their experiment.backbone is the model
MODELS = ('ResNeXt-29', 'ViT-13', 'ViT-6')
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


def build(work_root: str, out: str = None) -> str:
    layout = Layout('001', 'Report 001: ResNeXt-29 vs ViT-13 vs ViT-6 on CIFAR-100 (001-C, '
                    'PBT), Faster R-CNN initialisations on VOC2007 (001-B)', work_root, out)
    rows = [_model_row(layout, model) for model in MODELS]
    layout.table('table3', 'Table 3: validation and test accuracy (%)', rows,
                 ['Model', *COLUMNS, 'run'],
                 note='Validation = last validation of the best member (PBT) or the run; '
                      'test = its final weights on the test split.')
    report001_det.build_init_runs(layout)
    return layout.finish('configs/cifar100_vit/resnext29-32x4d_1xb384-deit-pbt-200e_cifar100.py')
