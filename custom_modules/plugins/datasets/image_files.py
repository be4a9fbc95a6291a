"""Finding image files and checking that they decode (folder_to_ann, predict, verify_dataset)."""
from typing import Optional, Tuple

from mmengine.fileio import get_local_path
from PIL import Image, UnidentifiedImageError

IMAGE_EXTENSIONS = ('.jpg', '.jpeg', '.png', '.bmp', '.ppm', '.pgm', '.tif', '.tiff', '.webp')


def is_image_file(name: str) -> bool:
    return name.lower().endswith(IMAGE_EXTENSIONS)


def read_image(path: str) -> Tuple[Optional[str], Optional[Tuple[int, int]]]:
    """``(None, (width, height))`` if ``path`` decodes completely, else ``(reason, None)``."""
    try:
        with get_local_path(path) as local, Image.open(local) as image:
            image.load()
            return None, image.size
    except FileNotFoundError:
        return 'missing', None
    except PermissionError:
        return 'no permission to read it', None
    except UnidentifiedImageError:
        return 'not an image (PIL does not recognise its format)', None
    except Exception as e:  # truncated or corrupt pixel data
        return f'cannot be decoded: {e}', None


def is_readable_image(path: str) -> bool:
    """True if ``path`` opens and its pixels decode (not only the header)."""
    return read_image(path)[0] is None
