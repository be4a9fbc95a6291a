"""Report 002-A layout: the lr grid's final validation accuracies (best marked) beside
R002's reference figures, the final-epoch table and the accuracy/loss figures."""
from custom_modules.apps.reports import build_report
from custom_modules.apps.reports.reference import R002_LR_GRID
from tests.helpers.fake_runs import fake_run, read_rows, repo_experiment, signed

REF, DELTA = '(reference figure)', 'Δ'
PRETRAINED = 'resnet18_1xb32-pretrained_cub200'


def _epochs(final_val, train_acc=50.0):
    return {1: {'accuracy/top1': final_val - 10, 'val/loss': 2.5, 'train/epoch_loss': 3.0,
                'train/epoch_accuracy': train_acc - 10},
            2: {'accuracy/top1': final_val, 'val/loss': 1.5, 'train/epoch_loss': 2.0,
                'train/epoch_accuracy': train_acc}}


def _grid_point(lr):
    """A grid point's metadata as tools/grid_search.py writes it: the base config's, with the
    point after its method."""
    base = repo_experiment(PRETRAINED)
    return dict(base, method=f'{base["method"]}, lr={lr}')


def test_lr_grid_final_table_and_figures(tmp_path):
    # grid points are found by their metadata, whatever their work dirs are called
    fake_run(tmp_path / 'point-a', _epochs(61.5), experiment=_grid_point(0.005))
    fake_run(tmp_path / 'point-b', _epochs(64.25), experiment=_grid_point(0.02))
    fake_run(tmp_path / PRETRAINED, _epochs(64.25, train_acc=90.0))
    fake_run(tmp_path / 'resnet18_1xb32-scratch_cub200', _epochs(20.5))
    out = tmp_path / 'report'
    build_report('002', str(tmp_path), str(out))

    grid = read_rows(out / 'lr_grid.csv', 'fc lr')
    assert list(grid) == ['0.005', '0.01', '0.02']
    column = 'final val accuracy (%)'
    assert grid['0.005'][column] == '61.50' and grid['0.005']['backbone lr'] == '0.0005'
    assert grid['0.005'][f'{column} {REF}'] == f'{R002_LR_GRID[0.005].value * 100:.2f}'
    assert grid['0.02'][f'{column} {DELTA}'] == signed(64.25 - R002_LR_GRID[0.02].value * 100)
    assert [lr for lr, row in grid.items() if row['best']] == ['0.02']
    assert grid['0.01'][column] == '' and grid['0.01']['epochs'] == ''

    final = read_rows(out / 'final.csv', 'model')
    assert final['pretrained']['train accuracy (%)'] == '90.00'
    assert final['pretrained']['val loss'] == '1.5000' and final['pretrained']['epoch'] == '2'
    assert final['pretrained'][f'val accuracy (%) {REF}'] == f'{R002_LR_GRID[0.02].value * 100:.2f}'
    assert final['random']['val accuracy (%)'] == '20.50'
    assert final['random'][f'val accuracy (%) {REF}'] == ''  # R002 publishes none
    assert {p.name for p in (out / 'curves').iterdir()} == {'fig1.2_accuracy.png',
                                                            'fig1.3_loss.png'}
