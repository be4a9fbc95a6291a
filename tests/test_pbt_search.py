"""tools/pbt_search.py: a 2-member PBT run of a tiny ViT on generated CIFAR-100 data, on CPU.

One epoch per perturbation interval, 3 epochs (2 perturbation rounds), quantile
0.5: at each round the worse member exploits the better one. The test checks
that the exploiting member really continued from the other member's weights:
the fingerprint of the weights it had after mmengine's resume equals the one
the donor recorded when it saved that checkpoint (and differs from its own),
and that the perturbed learning rate is the one the optimizer then used.
"""
import json
import os
import os.path as osp

from tests.helpers.configs import DEMO_CONFIG, run_cli, run_tool
from tests.helpers.pbt_config import tiny_pbt_config


def test_pbt_members_exploit_each_others_weights(tmp_path, capsys):
    config = tiny_pbt_config(tmp_path, max_epochs=3)
    work = tmp_path / 'pbt'
    # a process of its own: Ray's gRPC threads (and their fork handlers) outlive
    # ray.shutdown(), and a later fork in the same test worker can deadlock in the child
    done = run_tool('tools/pbt_search.py', config, '--num-samples', '2',
                    '--perturbation-interval', '1', '--quantile-fraction', '0.5',
                    '--num-cpus', '2', '--work-dir', str(work))
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]

    with open(work / 'pbt_history.json') as f:
        histories = json.load(f)['histories']
    assert len(histories) == 2
    for rows in histories.values():
        assert [r['epoch'] for r in rows] == [1, 2, 3]
    own = {(m, r['epoch']): r for m, rows in histories.items() for r in rows}

    exploits = [(member, row) for member, rows in histories.items() for row in rows
                if row['loaded_from_trial'] not in ('', member)]
    assert exploits, histories  # with quantile 0.5 one member exploits at each round
    for member, row in exploits:
        donor, epoch = row['loaded_from_trial'], row['loaded_from_epoch']
        assert donor in histories and donor != member
        # the weights it trained on are the donor's, as the donor saved them
        assert row['loaded_fingerprint'] == own[(donor, epoch)]['fingerprint']
        assert row['loaded_fingerprint'] != own[(member, epoch)]['fingerprint']
        # ... with its own (perturbed) hyperparameters in the optimizer
        lr = row['hyperparameters']['lr']
        assert abs(row['optimizer_lr'] - lr) <= 1e-9 * lr, row
        assert row['seed'] == own[(member, epoch)]['seed'] != own[(donor, epoch)]['seed']

    with open(work / 'pbt_result.json') as f:
        result = json.load(f)
    assert result['best_member'] in histories and 0 <= result['test_top1'] <= 100
    assert set(result['hyperparameters']) == {'lr', 'weight_decay', 'min_crop_area',
                                              'erase_prob', 'drop_path_rate', 'batch_size'}
    assert osp.getsize(work / 'pbt_curves.png') > 0
    assert 'tiny_vit_pbt' in (work / 'pbt_results.md').read_text()

    code = run_cli('tools/pbt_search.py', '--summarize', work, '--out', tmp_path / 'summary')
    assert code == 0, capsys.readouterr().err
    table = (tmp_path / 'summary.md').read_text()
    assert 'tiny_vit_pbt' in table and 'test top-1' in table


def test_config_without_search_space_is_refused(tmp_path, capsys):
    assert run_cli('tools/pbt_search.py', DEMO_CONFIG, '--work-dir', tmp_path) == 2
    err = capsys.readouterr().err
    assert err.startswith('error:') and 'pbt_search' in err, err
    assert not os.listdir(tmp_path)  # refused before Ray started or anything was written
    code = run_cli('tools/pbt_search.py', '--summarize', tmp_path / 'nothing')
    assert code == 2 and 'pbt_result.json' in capsys.readouterr().err
