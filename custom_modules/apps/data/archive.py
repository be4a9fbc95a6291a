"""Download, md5-check and extract one dataset archive, with a one-line error on failure."""
import urllib.error

from custom_modules.errors import DataError


def fetch_archive(url: str, root: str, filename: str, md5: str) -> None:
    """mmpretrain's ``download_and_extract_archive``; a failed download or a wrong md5
    becomes a :class:`DataError` naming the URL and what to do."""
    from mmpretrain.datasets.utils import download_and_extract_archive
    try:
        download_and_extract_archive(url, download_root=root, filename=filename, md5=md5)
    except (urllib.error.URLError, OSError, RuntimeError) as e:
        raise DataError(f'could not download and extract {url} into {root} ({e}); '
                        f'put {filename} (md5 {md5}) into {root} by hand and run again') from None
