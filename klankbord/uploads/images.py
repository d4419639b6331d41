"""Images are opened with Pillow under a pixel limit (no decompression bombs), verified and fully decoded."""

from __future__ import annotations

import io
import warnings

from django.utils.translation import gettext as _
from PIL import Image

from .refusal import FileRefusedError

MAX_PIXELS = 80_000_000
PILLOW_FORMATS = {"image/jpeg": "JPEG", "image/png": "PNG", "image/webp": "WEBP"}


def check_image(data: bytes, mime: str, *, max_pixels: int = MAX_PIXELS) -> None:
    """Refuse an image that is too large in pixels, of another format than sniffed, damaged or truncated."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                if image.width * image.height > max_pixels:
                    raise FileRefusedError(
                        "image_too_large", _("De afbeelding is te groot (te veel beeldpunten).")
                    )
                if image.format != PILLOW_FORMATS.get(mime):
                    raise FileRefusedError(
                        "image_broken", _("De afbeelding is beschadigd of geen echte afbeelding.")
                    )
                image.verify()
            with Image.open(io.BytesIO(data)) as image:
                image.load()  # verify() does not decode pixel data; a truncated image fails here
    except FileRefusedError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise FileRefusedError(
            "image_too_large", _("De afbeelding is te groot (te veel beeldpunten).")
        ) from error
    except Exception as error:  # Pillow raises many kinds of errors for broken files
        raise FileRefusedError(
            "image_broken", _("De afbeelding is beschadigd of geen echte afbeelding.")
        ) from error
