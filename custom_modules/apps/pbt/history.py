"""What the PBT members reported: histories per member, the exploits among them,
and the PNG of every member's validation curve with the points where weights were replaced."""
import glob
import json
import os.path as osp
from typing import Dict, List

from custom_modules.plugins.engine.atomic_files import atomic_path

from .member import REPORTS_FILE


def member_histories(work_dir: str) -> Dict[str, List[dict]]:
    """Every member's reports, by epoch, as its :class:`TuneReportHook` wrote them to
    ``members/<trial>/pbt_reports.jsonl`` (a restarted member's later report of an
    epoch replaces the earlier one)."""
    histories = {}
    for path in sorted(glob.glob(osp.join(work_dir, 'members', '*', REPORTS_FILE))):
        by_epoch = {}
        with open(path) as f:
            for line in f:
                if line.strip():
                    row = json.loads(line)
                    by_epoch[row['epoch']] = row
        if by_epoch:
            histories[osp.basename(osp.dirname(path))] = [by_epoch[e] for e in sorted(by_epoch)]
    return histories


def exploits(histories: Dict[str, List[dict]]) -> List[dict]:
    """Every restart of a member from ANOTHER member's weights."""
    found = []
    for trial, rows in histories.items():
        for row in rows:
            donor = row.get('loaded_from_trial')
            if donor and donor != trial:
                found.append(dict(trial=trial, donor=donor, epoch=row['loaded_from_epoch'],
                                  loaded_fingerprint=row['loaded_fingerprint'],
                                  donor_fingerprint=row['donor_fingerprint']))
    return found


def plot_members(histories: Dict[str, List[dict]], out_png: str, title: str = '') -> str:
    """Validation top-1 of every member; a marker where its weights were replaced."""
    from ..reporting import plt
    fig, ax = plt.subplots(figsize=(8, 5))
    scores = {t: {r['epoch']: r['val_top1'] for r in rows} for t, rows in histories.items()}
    for trial, rows in sorted(histories.items()):
        points = sorted((r['epoch'], r['val_top1']) for r in rows)
        line, = ax.plot(*zip(*points), marker='.', label=trial) if points else (None, )
        for event in exploits({trial: rows}):
            epoch = event['epoch']
            own = scores[trial].get(epoch)
            donor = scores.get(event['donor'], {}).get(epoch)
            if donor is None:
                continue
            if own is not None:
                ax.plot([epoch, epoch], [own, donor], ls=':', color=line.get_color())
            ax.plot([epoch], [donor], marker='X', ms=10, color=line.get_color(),
                    markeredgecolor='black')
    ax.plot([], [], marker='X', ls='', color='gray', markeredgecolor='black',
            label='weights replaced (exploit)')
    ax.set(xlabel='epoch', ylabel='validation top-1 (%)',
           title=title or 'PBT members: validation top-1')
    ax.grid(alpha=0.3)
    ax.legend(fontsize=7)
    fig.tight_layout()
    with atomic_path(out_png) as tmp_png:
        fig.savefig(tmp_png, dpi=100)
    plt.close(fig)
    return out_png
