"""`tinygraph predict` on odd pictures: transparency shown on a stated background, 16-bit
pixels scaled (not clipped to white), EXIF orientation applied, a warning for a picture much
smaller than the model's input, and one line for anything Pillow cannot read."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

import numpy as np
import pytest
from PIL import Image  # the image extra, which `make test` installs

import tinygraph as tg
from tinygraph import InputError
from tinygraph.cli import main
from tinygraph.cli.images import read_picture
from tinygraph.io import save_checkpoint

SHAPE = (64, 64, 3)
WHITE, BLACK = (255, 255, 255), (0, 0, 0)


@pytest.fixture(scope="module")
def model(tmp_path_factory) -> Path:
    """A logistic unit on 64x64x3 pictures with random weights: every pixel counts."""
    path = tmp_path_factory.mktemp("model") / "model.h5"
    rng = np.random.default_rng(0)
    net = tg.Network.from_values({"W1": rng.normal(size=(1, 12288)) * 0.05,
                                  "b1": np.zeros((1, 1))})
    save_checkpoint(path, net, {"classes": ["non-cat", "cat"], "image_shape": list(SHAPE)})
    return path


def predict(capsys, model: Path, *argv) -> tuple[int, list[str], list[str]]:
    status = main(["predict", "--model", str(model), *[str(a) for a in argv]])
    out, err = capsys.readouterr()
    return status, out.splitlines(), err.splitlines()


def rgba_pictures(seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Two RGBA pictures that look the same: they differ only where alpha is 0."""
    rng = np.random.default_rng(seed)
    first = rng.integers(0, 256, size=(64, 64, 4), dtype=np.uint8)
    first[..., 3] = rng.choice([0, 0, 128, 255], size=(64, 64))
    second = first.copy()
    hidden = first[..., 3] == 0
    second[hidden, :3] = 255 - first[hidden, :3]
    return first, second


def over(picture: np.ndarray, background: tuple[int, int, int]) -> np.ndarray:
    """Alpha blending written out: colour * a + background * (1 - a), in 0..1."""
    alpha = picture[..., 3:] / 255.
    return picture[..., :3] / 255. * alpha + np.array(background) / 255. * (1 - alpha)


# ------------------------------------------------------------------------- transparency

def test_pixels_under_alpha_0_do_not_change_the_answer(model: Path, tmp_path: Path,
                                                        capsys) -> None:
    first, second = rgba_pictures()
    for name, picture in (("a.png", first), ("b.png", second)):
        Image.fromarray(picture, "RGBA").save(tmp_path / name)
    status, out, err = predict(capsys, model, tmp_path / "a.png", tmp_path / "b.png")
    assert status == 0 and err == []
    assert out[0].removeprefix(str(tmp_path / "a.png")) == out[1].removeprefix(
        str(tmp_path / "b.png"))
    assert out[0].endswith("[transparent pixels shown on white]")


@pytest.mark.parametrize("name, colour", [("white", WHITE), ("black", BLACK),
                                          ("#336699", (0x33, 0x66, 0x99))])
def test_transparency_is_composited_onto_the_stated_background(tmp_path: Path, name,
                                                               colour) -> None:
    picture, _ = rgba_pictures(seed=1)
    Image.fromarray(picture, "RGBA").save(tmp_path / "p.png")
    read = read_picture(tmp_path / "p.png", SHAPE, colour)
    expected = over(picture, colour).reshape(1, -1).T
    assert read.composited
    np.testing.assert_allclose(read.column, expected, atol=1 / 255)  # Pillow rounds to 8 bits


def test_a_palette_picture_with_a_transparent_colour(tmp_path: Path) -> None:
    indices = np.zeros((64, 64), np.uint8)
    indices[:, 32:] = 1
    image = Image.fromarray(indices, "P")
    image.putpalette([10, 20, 30, 200, 100, 0] + [0] * 762)
    image.save(tmp_path / "p.png", transparency=0)  # colour 0 is see-through
    column = read_picture(tmp_path / "p.png", SHAPE, BLACK).column.reshape(SHAPE)
    assert np.allclose(column[:, :32], 0) and np.allclose(column[:, 32:], [200 / 255, 100 / 255, 0])


def test_a_colour_pillow_does_not_know_is_one_line(model: Path, tmp_path: Path,
                                                   capsys) -> None:
    Image.fromarray(np.zeros((64, 64, 3), np.uint8)).save(tmp_path / "p.png")
    status, _, err = predict(capsys, model, tmp_path / "p.png", "--background", "plaid")
    assert status == 1 and len(err) == 1 and "--background 'plaid'" in err[0]


# ---------------------------------------------------------------------------- 16 bits

def test_16_bit_grey_is_scaled_by_65535_not_clipped_to_white(tmp_path: Path) -> None:
    values = (np.arange(64 * 64, dtype=np.uint32).reshape(64, 64) * 16).astype(np.uint16)
    Image.fromarray(values).save(tmp_path / "deep.png")
    assert Image.open(tmp_path / "deep.png").mode.startswith("I")  # really 16-bit on disk
    read = read_picture(tmp_path / "deep.png", SHAPE)
    expected = np.repeat((values / 65535.)[..., None], 3, axis=2)
    np.testing.assert_allclose(read.column.reshape(SHAPE), expected, atol=1e-6)


def test_16_bit_mid_grey_reads_as_mid_grey(tmp_path: Path) -> None:
    Image.fromarray(np.full((64, 64), 32768, np.uint16)).save(tmp_path / "grey.png")
    np.testing.assert_allclose(read_picture(tmp_path / "grey.png", SHAPE).column,
                               32768 / 65535, atol=1e-6)


# ----------------------------------------------------------------- orientation and size

def test_exif_orientation_is_applied_as_viewers_do(tmp_path: Path) -> None:
    rng = np.random.default_rng(2)
    stored = rng.integers(0, 256, size=(64, 64, 3), dtype=np.uint8)
    image = Image.fromarray(stored)
    exif = image.getexif()
    exif[0x0112] = 3  # Orientation: rotate 180 degrees to show
    image.save(tmp_path / "turned.png", exif=exif)
    shown = stored[::-1, ::-1] / 255.
    np.testing.assert_allclose(read_picture(tmp_path / "turned.png", SHAPE).column,
                               shown.reshape(1, -1).T)


@pytest.mark.parametrize("size, warned", [((1, 1), True), ((64, 20), True), ((31, 64), True),
                                          ((32, 32), False), ((640, 480), False)])
def test_a_much_smaller_picture_is_classified_with_a_warning(model: Path, tmp_path: Path,
                                                             capsys, size, warned) -> None:
    Image.fromarray(np.full((size[1], size[0], 3), 90, np.uint8)).save(tmp_path / "p.png")
    status, out, err = predict(capsys, model, tmp_path / "p.png")
    assert status == 0 and len(out) == 1
    if warned:
        assert err == [f"tinygraph predict: warning: {tmp_path / 'p.png'} is "
                       f"{size[0]}x{size[1]}, much smaller than the model's 64x64 input: it is "
                       "stretched to fit, and the answer means little"]
    else:
        assert err == []


# ---------------------------------------------------------------- what Pillow cannot read

def png_claiming(width: int, height: int) -> bytes:
    """A PNG whose header claims width x height pixels, with (almost) no pixel data."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(b"\0" * 16)) + chunk(b"IEND", b""))


def one_line(capsys, model: Path, path: Path) -> str:
    status, out, err = predict(capsys, model, path)
    assert status == 1 and out == [] and len(err) == 1, err
    assert err[0].startswith(f"tinygraph predict: error: {path}: ")
    return err[0]


def test_a_decompression_bomb_is_one_line(model: Path, tmp_path: Path, capsys) -> None:
    (tmp_path / "bomb.png").write_bytes(png_claiming(20000, 20000))
    line = one_line(capsys, model, tmp_path / "bomb.png")
    assert "400000000 pixels" in line and "decompression bomb" in line


@pytest.mark.parametrize("what", ["empty", "text", "truncated png", "truncated jpeg",
                                  "header only", "directory"])
def test_files_pillow_cannot_read_are_one_line(model: Path, tmp_path: Path, capsys,
                                               what: str) -> None:
    picture = np.random.default_rng(3).integers(0, 256, size=(64, 64, 3), dtype=np.uint8)
    Image.fromarray(picture).save(tmp_path / "whole.png")
    Image.fromarray(picture).save(tmp_path / "whole.jpg")
    path = tmp_path / "bad.png"
    if what == "empty":
        path.write_bytes(b"")
    elif what == "text":
        path.write_text("<html>Not Found</html>")
    elif what == "truncated png":
        path.write_bytes((tmp_path / "whole.png").read_bytes()[:2000])
    elif what == "truncated jpeg":
        path = tmp_path / "bad.jpg"
        path.write_bytes((tmp_path / "whole.jpg").read_bytes()[:600])
    elif what == "header only":
        path.write_bytes(png_claiming(64, 64)[:33])
    else:
        path.mkdir()
    assert one_line(capsys, model, path)


def test_damaged_pictures_are_read_or_refused_in_one_line(model: Path, tmp_path: Path,
                                                          capsys) -> None:
    picture = np.random.default_rng(4).integers(0, 256, size=(64, 64, 3), dtype=np.uint8)
    Image.fromarray(picture).save(tmp_path / "whole.png")
    whole = (tmp_path / "whole.png").read_bytes()
    path = tmp_path / "flipped.png"
    refused = 0
    for seed in range(30):
        rng = np.random.default_rng(seed)
        data = bytearray(whole)
        for position in rng.integers(0, len(data), size=4):
            data[position] ^= 1 << int(rng.integers(0, 8))
        path.write_bytes(bytes(data))
        status, out, err = predict(capsys, model, path)  # any other exception fails here
        if status == 1:
            refused += 1
            assert len(err) == 1 and str(path) in err[0], err
        else:
            assert status == 0 and len(out) == 1
    assert refused >= 5, "PNG's CRCs catch most flips"


def test_read_picture_raises_input_error_only(tmp_path: Path) -> None:
    (tmp_path / "x.gif").write_bytes(b"GIF89a" + b"\xff" * 20)
    with pytest.raises(InputError, match="x.gif: cannot be read as an image"):
        read_picture(tmp_path / "x.gif", SHAPE)
