"""The PNG of every PBT member's validation curve with the points where its weights were
replaced (the histories and exploits: :func:`..results.member_histories`,
:func:`..results.exploits`)."""
from typing import Dict, List

from ..results import exploits
from .figures import save_figure


def plot_members(histories: Dict[str, List[dict]], out_png: str, title: str = '') -> str:
    """Validation top-1 of every member; a marker where its weights were replaced."""
    from .figures import plt
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
    return save_figure(fig, out_png)
