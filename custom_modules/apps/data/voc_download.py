"""Pascal VOC 2007/2012: resumable download, md5 check, safe extraction into ``VOCdevkit``."""
import os
import os.path as osp
import tarfile
import urllib.request

from mmpretrain.datasets.utils import calculate_md5

from custom_modules.errors import DataError, UserInputError

MIRROR = 'http://host.robots.ox.ac.uk/pascal/VOC'
# (year, file name, md5, split files it must provide)
ARCHIVES = [
    ('2007', 'voc2007/VOCtrainval_06-Nov-2007.tar', 'c52e279531787c972589f7e41ab4ae64',
     ['VOC2007/ImageSets/Main/trainval.txt']),
    ('2007', 'voc2007/VOCtest_06-Nov-2007.tar', 'b6e924de25625d8de591ea690078ad9f',
     ['VOC2007/ImageSets/Main/test.txt']),
    ('2012', 'voc2012/VOCtrainval_11-May-2012.tar', '6cd6e144f989b92b3379bac3b3de84fd',
     ['VOC2012/ImageSets/Main/trainval.txt']),
]


def download(url: str, dest: str, chunk: int = 1 << 20) -> str:
    """Fetch ``url`` to ``dest``, resuming from ``dest.part``; print progress."""
    part = dest + '.part'
    done = osp.getsize(part) if osp.exists(part) else 0
    request = urllib.request.Request(url, headers={'Range': f'bytes={done}-'} if done else {})
    with urllib.request.urlopen(request, timeout=60) as response:
        if done and response.status != 206:  # server ignored the range: start over
            done = 0
        total = done + int(response.headers.get('Content-Length', 0))
        with open(part, 'ab' if done else 'wb') as f:
            while True:
                block = response.read(chunk)
                if not block:
                    break
                f.write(block)
                done += len(block)
                if total:
                    print(f'\r  {osp.basename(dest)}: {done / 1e6:.0f} / {total / 1e6:.0f} MB',
                          end='', flush=True)
    print()
    os.replace(part, dest)
    return dest


def safe_extract(tar_path: str, root: str) -> None:
    """Extract ``tar_path`` under ``root``, refusing links and paths that leave ``root``."""
    root_abs = osp.realpath(root)
    try:
        with tarfile.open(tar_path) as tar:
            members = tar.getmembers()
            for member in members:
                target = osp.realpath(osp.join(root_abs, member.name))
                if not (target == root_abs or target.startswith(root_abs + os.sep)) \
                        or member.issym() or member.islnk() or member.isdev():
                    raise DataError(f'{tar_path}: refusing unsafe member {member.name!r}')
            tar.extractall(root_abs, members=members)
    except tarfile.TarError as e:
        raise DataError(f'{tar_path} is not a readable tar archive: {e}') from None


def prepare(root: str, years=('2007', '2012'), from_dir: str = None, keep_tars: bool = False,
            mirror: str = MIRROR, archives=None) -> str:
    """Get, verify and extract every archive of ``years``; return the VOCdevkit folder."""
    os.makedirs(root, exist_ok=True)
    for year, rel, md5, expected in archives or ARCHIVES:
        if year not in years:
            continue
        if all(osp.isfile(osp.join(root, 'VOCdevkit', e)) for e in expected):
            print(f'{osp.basename(rel)}: already extracted')
            continue
        name = osp.basename(rel)
        tar_path = osp.join(from_dir or root, name)
        if not osp.isfile(tar_path):
            if from_dir:
                raise UserInputError(f'{tar_path} does not exist')
            print(f'downloading {mirror}/{rel}')
            download(f'{mirror}/{rel}', tar_path)
        actual = calculate_md5(tar_path)
        if actual != md5:
            raise DataError(f'{tar_path}: md5 {actual} != expected {md5} (corrupt or '
                            'incomplete download; delete it and run again)')
        print(f'extracting {name}')
        safe_extract(tar_path, root)
        missing = [e for e in expected if not osp.isfile(osp.join(root, 'VOCdevkit', e))]
        if missing:
            raise DataError(f'{tar_path} did not contain VOCdevkit/{missing[0]}')
        if not keep_tars and not from_dir:
            os.remove(tar_path)
    return osp.join(root, 'VOCdevkit')
