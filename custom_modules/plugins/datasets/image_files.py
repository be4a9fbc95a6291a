"""Finding image files and checking that they decode (folder_to_ann, predict)."""
from PIL import Image

IMAGE_EXTENSIONS = ('.jpg', '.jpeg', '.png', '.bmp', '.ppm', '.pgm', '.tif', '.tiff', '.webp')


def is_image_file(name: str) -> bool:
    return name.lower().endswith(IMAGE_EXTENSIONS)


def is_readable_image(path: str) -> bool:
    """True if ``path`` opens and its pixels decode (not only the header)."""
    try:
        with Image.open(path) as image:
            image.load()
        return True
    except Exception:
        return False
