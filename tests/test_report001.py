"""Report 001-C layout: Table 3 from a PBT work dir (best member) or a single run, beside
R001's reference figures; best-member and all-member curves with breaks at exploits."""
import csv
import json

from custom_modules.apps.reports import build_report
from custom_modules.apps.reports.reference import R001_TABLE3
from tests.helpers.fake_runs import fake_run, read_rows, repo_experiment, signed

REF, DELTA = '(reference figure)', 'Δ'
RESNEXT = 'resnext29-32x4d_1xb384-deit-pbt-200e_cifar100'
VIT6 = 'vit-6_p2-d384-l4_1xb384-deit-pbt-200e_cifar100'


def _epochs(top1):
    return {e: {'accuracy/top1': top1 + e, 'accuracy/top5': top1 + 20 + e, 'val/loss': 3.0 / e,
                'train/epoch_loss': 3.5 / e} for e in (1, 2, 3)}


def test_table3_from_pbt_and_single_runs(tmp_path):
    pbt = tmp_path / f'pbt_{RESNEXT}'
    fake_run(pbt / 'members' / 'trial_a', _epochs(40.0))
    fake_run(pbt / 'members' / 'trial_b', _epochs(30.0))
    (pbt / 'pbt_result.json').write_text(json.dumps(dict(  # as tools/pbt_search.py records it
        best_member='trial_a', val_top1=43.0, val_top5=63.0, test_top1=41.5, test_top5=62.25,
        experiment=repo_experiment(RESNEXT))))
    (pbt / 'pbt_history.json').write_text(json.dumps(dict(
        exploits=[dict(trial='trial_b', donor='trial_a', epoch=2)])))
    fake_run(tmp_path / VIT6, _epochs(20.0), test={'accuracy/top1': 21.75, 'accuracy/top5': 44.0})
    out = tmp_path / 'report'
    build_report('001', str(tmp_path), str(out))

    rows = read_rows(out / 'table3.csv', 'Model')
    assert list(rows) == ['ResNeXt-29', 'ViT-13', 'ViT-6']
    resnext = rows['ResNeXt-29']
    assert (resnext['val top-1'], resnext['test top-5']) == ('43.00', '62.25')
    reference = R001_TABLE3[('ResNeXt-29', 'test top-1')].value
    assert resnext[f'test top-1 {DELTA}'] == signed(41.5 - reference)
    assert resnext['run'] == f'pbt_{RESNEXT}, member trial_a'
    vit6 = rows['ViT-6']  # no PBT dir: the single run's last validation and test
    assert (vit6['val top-1'], vit6['val top-5'], vit6['test top-1']) == ('23.00', '43.00', '21.75')
    assert vit6[f'val top-5 {REF}'] == f"{R001_TABLE3[('ViT-6', 'val top-5')].value:.2f}"
    assert rows['ViT-13']['val top-1'] == '' and rows['ViT-13'][f'val top-1 {REF}']
    curves = {p.name for p in (out / 'curves').iterdir()}
    assert curves == {'ResNeXt-29_best.png', 'ResNeXt-29_members.png', 'ViT-6_run.png'}
    assert 'Table 3' in (out / 'report.md').read_text()


def _vit(dims, mlp, layers, heads, pbt_search):
    """An invented tiny ViT classifier config: 8x8 images, patch 4 (4 tokens + class token)."""
    from mmengine.config import Config
    return Config(dict(pbt_search=pbt_search, model=dict(
        backbone=dict(type='VisionTransformer', img_size=8, patch_size=4, arch=dict(
            embed_dims=dims, num_layers=layers, num_heads=heads, feedforward_channels=mlp)),
        neck=None, head=dict(type='VisionTransformerClsHead', num_classes=3, in_channels=dims))))


def _vit_parameters(dims, mlp, layers):
    block = 4 * dims ** 2 + 2 * dims * mlp + 9 * dims + mlp
    return (3 * 4 * 4 * dims + dims) + dims + 5 * dims + layers * block + 2 * dims + dims * 3 + 3


def test_tables_1_and_2_from_the_configs(tmp_path, monkeypatch):
    """Table 1: each ViT's layout and every model's parameter count (built models) beside
    R001's; Table 2: each pbt_search prior beside R001's range, distinct priors split."""
    from mmengine.config import Config

    from custom_modules.apps.reports import report001
    from custom_modules.apps.reports.reference import R001_TABLE1, R001_TABLE2
    lenet = Config(dict(model=dict(backbone=dict(type='LeNet5'), neck=None, head=dict(
        type='LinearClsHead', num_classes=3, in_channels=120))))
    configs = {
        'ResNeXt-29': ('configs/a.py', lenet),
        'ViT-13': ('configs/b.py', _vit(8, 16, 2, 2, dict(
            lr=dict(type='loguniform', low=2e-6, high=4e-3),
            batch_size=dict(type='choice', values=[8, 16])))),
        'ViT-6': ('configs/c.py', _vit(12, 24, 1, 3, dict(
            batch_size=dict(type='choice', values=[4, 16, 64]))))}
    monkeypatch.setattr(report001, 'model_configs', lambda: configs)
    fake_run(tmp_path / VIT6, _epochs(20.0))
    out = tmp_path / 'report'
    build_report('001', str(tmp_path), str(out))

    table1 = read_rows(out / 'table1.csv', 'configuration')
    assert list(table1) == ['embedding dim', 'MLP hidden dim', 'heads', 'blocks', 'parameters']
    assert (table1['embedding dim']['ViT-13'], table1['heads']['ViT-6']) == ('8', '3')
    reference = R001_TABLE1[('embedding dim', 'ViT-13')].value
    assert table1['embedding dim']['ViT-13 Δ'] == f'{8 - reference:+,.0f}'
    params = _vit_parameters(12, 24, 1)
    assert table1['parameters']['ViT-6'] == f'{params:,}'
    reference = R001_TABLE1[('parameters', 'ViT-6')].value
    assert table1['parameters']['ViT-6 Δ'] == f'{params - reference:+,.0f}'
    lenet_params = (25 * 6 + 6) + (25 * 6 * 16 + 16) + (25 * 16 * 120 + 120) + 120 * 3 + 3
    assert table1['parameters']['ResNeXt-29'] == f'{lenet_params:,}'
    assert table1['blocks']['ResNeXt-29'] == table1['blocks'][f'ResNeXt-29 {REF}'] == ''

    table2 = list(csv.DictReader(open(out / 'table2.csv')))
    assert [(r['pbt_search key'], r['models']) for r in table2] == [
        ('min_crop_area', 'ResNeXt-29, ViT-13, ViT-6'), ('erase_prob', 'ResNeXt-29, ViT-13, ViT-6'),
        ('drop_path_rate', 'ResNeXt-29, ViT-13, ViT-6'), ('lr', 'ViT-13'),
        ('lr', 'ResNeXt-29, ViT-6'), ('weight_decay', 'ResNeXt-29, ViT-13, ViT-6'),
        ('batch_size', 'ViT-13'), ('batch_size', 'ViT-6'), ('batch_size', 'ResNeXt-29')]
    lr = table2[3]
    assert (lr['distribution'], lr['range']) == ('log-uniform', '(2e-06, 0.004)')
    assert (lr['low'], lr[f'low {REF}'], lr[f'low {DELTA}']) == ('2e-06', '1e-06', '+1e-06')
    assert lr[f'range {REF}'] == R001_TABLE2['lr'].printed
    crop = table2[0]  # in no config: empty beside the report's range
    assert (crop['range'], crop['low'], crop[f'low {REF}']) == ('', '', '0.1')
    assert [(r['range'], r['high'], r['distribution']) for r in table2[-3:-1]] == [
        ('{8, 16}', '16', 'uniform choice'), ('{4, 16, 64}', '64', 'uniform choice')]
    report = (out / 'report.md').read_text()
    assert report.index('Table 1') < report.index('Table 2') < report.index('Table 3')


def test_table_configs_are_the_repositorys_faithful_ones():
    from custom_modules.apps.reports.report001 import MODELS, model_configs
    configs = model_configs()
    assert sorted(configs) == sorted(MODELS)
    assert all('pbt' in path and cfg.get('pbt_search') for path, cfg in configs.values())
