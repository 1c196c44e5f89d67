"""Your own pictures as the model's input column, as the course's "test with your own image"
does (resize to the model's input, / 255., one column), with what the course leaves out:

* transparency is composited onto a stated background (white unless told), so pixels that
  alpha = 0 hides cannot decide the answer;
* 16-bit pictures are scaled by 65535, not clipped to white by an 8-bit conversion;
* a phone photo's EXIF orientation is applied, as every viewer does;
* a picture much smaller than the model's input is still classified, with a warning;
* every Pillow failure is one InputError line naming the file.

    >>> from tinygraph.cli.images import read_picture
    >>> picture = read_picture("my_cat.png", (64, 64, 3))        # doctest: +SKIP
    >>> picture.column.shape, picture.composited, picture.size
    ((12288, 1), False, (640, 480))
"""

from __future__ import annotations

import os
import warnings
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..errors import InputError
from ..models.io import reason

# A picture whose width or height is below this fraction of the model's is "much smaller".
TOO_SMALL = 0.5
_SIXTEEN_BIT = ("I;16", "I;16B", "I;16L", "I;16N", "I")


@dataclass(frozen=True)
class Picture:
    """`column` (n_x, 1) in [0, 1]; the file's `size` (width, height); whether transparent
    pixels were `composited` onto the background."""

    column: np.ndarray
    size: tuple[int, int]
    composited: bool

    def much_smaller_than(self, width: int, height: int) -> bool:
        return self.size[0] < TOO_SMALL * width or self.size[1] < TOO_SMALL * height


def pillow() -> Any:
    """The `PIL.Image` module, or a clear error saying how to install the `image` extra."""
    try:
        from PIL import Image
    except ImportError:
        raise InputError("reading image files needs Pillow, the 'image' extra: "
                         "pip install 'tinygraph[image]'") from None
    return Image


def background_colour(name: str) -> tuple[int, int, int]:
    """`"white"`, `"#202020"`, `"rgb(0,0,0)"` ... as (r, g, b), or an InputError."""
    pillow()
    from PIL import ImageColor

    try:
        colour = ImageColor.getrgb(name)
    except ValueError:
        raise InputError(f"--background {name!r} is not a colour Pillow knows; give a name "
                         "(white, black) or #rrggbb") from None
    return tuple(colour[:3])


def read_picture(path: str | os.PathLike, shape: tuple[int, int, int],
                 background: tuple[int, int, int] = (255, 255, 255)) -> Picture:
    """The picture at `path` as the model's input column (see the module's docstring)."""
    Image = pillow()
    height, width, channels = shape
    if channels not in (1, 3):
        raise InputError(f"the model was trained on pictures with {channels} channels; "
                         "image files give 1 (grey) or 3 (RGB)")
    try:
        with warnings.catch_warnings():
            # Between 89 and 179 million pixels Pillow only warns; the picture is shrunk
            # right away (JPEGs even decode small, via draft), so it is read.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(path) as image:
                size = image.size
                image.draft("RGB", (width, height))
                return _picture(image, size, (width, height), channels, background)
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory, not an image file") from None
    except Image.DecompressionBombError as error:
        raise InputError(f"{path}: not read: {error}") from None
    except InputError:
        raise
    except Exception as error:  # Pillow raises OSError, ValueError, SyntaxError, EOFError ...
        raise InputError(f"{path}: cannot be read as an image ({reason(error)})") from None


def _picture(image: Any, size: tuple[int, int], target: tuple[int, int], channels: int,
             background: tuple[int, int, int]) -> Picture:
    from PIL import ImageOps

    image = ImageOps.exif_transpose(image)
    composited = _has_alpha(image)
    if image.mode in _SIXTEEN_BIT or image.mode == "F":
        grey = _wide_grey(image, target)
        pixels = grey[..., None] if channels == 1 else np.repeat(grey[..., None], 3, axis=2)
    else:
        if composited:
            image = _composite(image, background)
        image = image.convert("RGB" if channels == 3 else "L").resize(target)
        pixels = np.asarray(image, dtype=np.float64) / 255.
    return Picture(pixels.reshape(1, -1).T, size, composited)


def _has_alpha(image: Any) -> bool:
    return image.mode in ("RGBA", "LA", "PA", "RGBa", "La") or "transparency" in image.info


def _composite(image: Any, background: tuple[int, int, int]) -> Any:
    """The picture as it looks over `background`: alpha blending, then no alpha."""
    from PIL import Image

    rgba = image.convert("RGBA")
    under = Image.new("RGBA", rgba.size, (*background, 255))
    return Image.alpha_composite(under, rgba).convert("RGB")


def _wide_grey(image: Any, target: tuple[int, int]) -> np.ndarray:
    """A 16-bit (or 32-bit integer, or float) grey picture, scaled to [0, 1] and resized in
    floating point: an 8-bit conversion would clip everything above 255 to white."""
    from PIL import Image

    values = np.asarray(image, dtype=np.float64)
    if image.mode == "F":
        scale = 1.0 if values.max(initial=0) <= 1 else 255.
    else:
        scale = 65535.
        if values.max(initial=0) > scale or values.min(initial=0) < 0:
            raise InputError(f"{getattr(image, 'filename', 'the picture')}: 32-bit integer "
                             "pixels outside 0..65535; save it as an 8- or 16-bit picture")
    grey = Image.fromarray((values / scale).astype(np.float32)).resize(target)
    return np.clip(np.asarray(grey, dtype=np.float64), 0, 1)
