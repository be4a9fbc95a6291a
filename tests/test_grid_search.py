"""tools/grid_search.py: one run per grid point through run_matrix, best point by validation
top-1; bad input is one error line with exit code 2."""
import csv

from tests.helpers.cifar_data import make_cifar10
from tests.helpers.configs import run_cli, tiny_cifar10_config


def test_grid_runs_every_point_and_reports_the_best(tmp_path, capsys):
    make_cifar10(tmp_path / 'data')
    config = tiny_cifar10_config(tmp_path / 'tiny.py', tmp_path / 'data', max_epochs=1)
    work_root = tmp_path / 'work_dirs'
    code = run_cli('tools/grid_search.py', config, '--grid', 'lr=0.001,0.05',
                   '--grid', 'epochs=1', '--work-root', str(work_root))
    result = capsys.readouterr()
    assert code == 0, result.out[-2000:] + result.err[-2000:]
    rows = list(csv.DictReader(open(work_root / 'grid_tiny' / 'grid.csv')))
    assert sorted(r['lr'] for r in rows) == ['0.001', '0.05']
    assert all(r['epochs'] == '1' for r in rows)
    vals = [float(r['best val top-1']) for r in rows]
    assert vals == sorted(vals, reverse=True)
    best = rows[0]
    assert f'best setting: lr={best["lr"]}, epochs=1' in result.out
    for row in rows:  # each point really trained with its own lr
        assert (work_root / row['run'] / 'epoch_1.pth').exists()
        logged = (work_root / row['run'] / f'{row["run"]}.py').read_text()
        assert f"lr={row['lr']}" in logged.replace(' ', '')
    assert (work_root / 'grid_tiny' / 'curves.png').read_bytes()[:4] == b'\x89PNG'


def test_bad_grid_and_missing_config_are_user_errors(tmp_path, capsys):
    config = tiny_cifar10_config(tmp_path / 'tiny.py', tmp_path / 'data')
    code = run_cli('tools/grid_search.py', config, '--grid', 'lr', '--work-root', str(tmp_path))
    err = capsys.readouterr().err
    assert code == 2 and err == "error: --grid 'lr' is not KEY=V1,V2,...\n", err
    code = run_cli('tools/grid_search.py', str(tmp_path / 'missing.py'), '--grid', 'lr=0.1',
                   '--work-root', str(tmp_path))
    err = capsys.readouterr().err
    assert code == 2 and err == f'error: config file {tmp_path / "missing.py"} does not exist\n'
