"""Report 001-C layout: Table 3 from a PBT work dir (best member) or a single run, beside
R001's reference figures; best-member and all-member curves with breaks at exploits."""
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
