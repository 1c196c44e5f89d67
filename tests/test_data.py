"""Datasets: the course's h5 files prepared as the course prepares them, a clear error for
each kind of bad file, and the built-in dataset made in the very same layout."""

from __future__ import annotations

import tempfile
from pathlib import Path

import h5py
import numpy as np
import pytest

from tinygraph import InputError
from tinygraph import data as data_module
from tinygraph.data import builtin_dataset, load_dataset, write_builtin_dataset


def write_split(path: Path, split: str, images, labels, classes=(b"non-cat", b"cat"),
                skip: tuple[str, ...] = ()) -> Path:
    """A file in the course's layout, with the keys in `skip` left out."""
    with h5py.File(path, "w") as f:
        for key, value in ((f"{split}_set_x", images), (f"{split}_set_y", labels),
                           ("list_classes", np.array(classes, dtype="S"))):
            if key not in skip:
                f.create_dataset(key, data=value)
    return path


def pictures(m: int, side: int = 4, seed: int = 0) -> np.ndarray:
    return np.random.default_rng(seed).integers(0, 256, size=(m, side, side, 3), dtype=np.uint8)


@pytest.fixture
def small_dir(tmp_path: Path) -> Path:
    """A tiny valid dataset: 6 training and 4 test pictures of 4x4x3."""
    write_split(tmp_path / "train_tiny.h5", "train", pictures(6), np.array([0, 1, 1, 0, 1, 0]))
    write_split(tmp_path / "test_tiny.h5", "test", pictures(4, seed=1), np.array([1, 0, 0, 1]))
    return tmp_path


# ------------------------------------------------------------------- the course's files

def test_course_files_are_prepared_as_the_course_does(course_data_dir: Path) -> None:
    data = load_dataset(course_data_dir)
    assert data.train_x.shape == (12288, 209) and data.test_x.shape == (12288, 50)
    assert data.train_y.shape == (1, 209) and data.test_y.shape == (1, 50)
    assert data.classes == ("non-cat", "cat")
    assert data.image_shape == (64, 64, 3)
    # The pixel sums and cat counts from data/SOURCES.md, measured there with h5py.
    assert round(data.train_x.sum() * 255) == 264_542_077
    assert round(data.test_x.sum() * 255) == 65_969_547
    assert int(data.train_y.sum()) == 72 and int(data.test_y.sum()) == 33
    # The course's own line, applied to the raw file.
    with h5py.File(course_data_dir / "train_catvnoncat.h5") as f:
        train_x_orig = f["train_set_x"][:]
    expected = train_x_orig.reshape(train_x_orig.shape[0], -1).T / 255.
    assert data.train_x.dtype == np.float64
    assert np.array_equal(data.train_x, expected)  # bit for bit
    assert data.train_x.flags.f_contiguous == expected.flags.f_contiguous  # the same layout


def test_two_files_load_like_their_directory(course_data_dir: Path) -> None:
    by_dir = load_dataset(course_data_dir)
    by_files = load_dataset(course_data_dir / "train_catvnoncat.h5",
                            course_data_dir / "test_catvnoncat.h5")
    assert np.array_equal(by_dir.test_x, by_files.test_x)
    assert np.array_equal(by_dir.train_y, by_files.train_y)


def test_float32_loading_rounds_the_float64_values(small_dir: Path) -> None:
    as64 = load_dataset(small_dir)
    as32 = load_dataset(small_dir, dtype=np.float32)
    assert as32.train_x.dtype == np.float32
    assert np.array_equal(as32.train_x, as64.train_x.astype(np.float32))


def test_pictures_are_read_in_blocks_without_changing_a_value(small_dir: Path,
                                                              monkeypatch) -> None:
    # Blocks of 4 pictures: 6 training pictures need one full block and one partial one.
    monkeypatch.setattr(data_module, "_BLOCK", 4)
    data = load_dataset(small_dir)
    with h5py.File(small_dir / "train_tiny.h5") as f:
        raw = f["train_set_x"][:]
    assert np.array_equal(data.train_x, raw.reshape(6, -1).T / 255.)
    assert np.array_equal(data.image(data.train_x[:, 5]) * 255, raw[5])


def test_labels_shaped_one_by_m_are_accepted(tmp_path: Path) -> None:
    write_split(tmp_path / "train.h5", "train", pictures(3), np.array([[0, 1, 1]]))
    write_split(tmp_path / "test.h5", "test", pictures(2), np.array([1, 0]))
    assert load_dataset(tmp_path).train_y.tolist() == [[0, 1, 1]]


# ----------------------------------------------------------------------- bad files

def error_of(*paths) -> str:
    with pytest.raises(InputError) as caught:
        load_dataset(*paths)
    message = str(caught.value)
    assert "\n" not in message
    return message


def test_a_missing_file_is_named(small_dir: Path) -> None:
    message = error_of(small_dir / "train_tiny.h5", small_dir / "test_nowhere.h5")
    assert "test_nowhere.h5" in message and "no such file" in message


def test_a_directory_without_a_test_file_says_what_it_looked_for(small_dir: Path) -> None:
    (small_dir / "test_tiny.h5").unlink()
    message = error_of(small_dir)
    assert str(small_dir) in message and "test*.h5" in message


def test_two_candidate_files_are_ambiguous(small_dir: Path) -> None:
    write_split(small_dir / "train_other.h5", "train", pictures(2), np.array([0, 1]))
    assert "train_other.h5" in error_of(small_dir)


def test_a_file_that_is_not_hdf5(small_dir: Path) -> None:
    # What a failed download often is: an HTML page saved under the h5 name.
    (small_dir / "train_tiny.h5").write_text("<!DOCTYPE html><html>Not Found</html>")
    message = error_of(small_dir)
    assert "train_tiny.h5" in message and "not an HDF5 file" in message


def test_a_truncated_file(course_data_dir: Path, tmp_path: Path) -> None:
    whole = (course_data_dir / "train_catvnoncat.h5").read_bytes()
    (tmp_path / "train_cut.h5").write_bytes(whole[: len(whole) // 2])
    (tmp_path / "test_catvnoncat.h5").write_bytes(
        (course_data_dir / "test_catvnoncat.h5").read_bytes())
    message = error_of(tmp_path)
    assert "train_cut.h5" in message and "truncated" in message


def test_damaged_course_files_give_one_line_naming_the_file(course_data_dir: Path,
                                                           tmp_path: Path) -> None:
    # 8 random bytes in the first 4 KiB, where HDF5 keeps the superblock and the object
    # headers: h5py raises OSError, RuntimeError or KeyError depending on what was hit.
    whole = (course_data_dir / "train_catvnoncat.h5").read_bytes()
    (tmp_path / "test_catvnoncat.h5").write_bytes(
        (course_data_dir / "test_catvnoncat.h5").read_bytes())
    damaged = tmp_path / "train_catvnoncat.h5"
    refused = 0
    for seed in range(30):
        rng = np.random.default_rng(seed)
        data = bytearray(whole)
        for position in rng.integers(0, 4096, size=8):
            data[position] = rng.integers(0, 256)
        damaged.write_bytes(bytes(data))
        try:
            load_dataset(tmp_path)
        except InputError as error:  # anything else fails the test
            refused += 1
            assert "\n" not in str(error) and "train_catvnoncat.h5" in str(error), seed
    assert refused >= 10


def test_a_file_claiming_more_pictures_than_memory_holds(small_dir: Path) -> None:
    # A chunked dataset with no chunks written: the file is small, its shape enormous.
    with h5py.File(small_dir / "train_tiny.h5", "w") as f:
        f.create_dataset("train_set_x", shape=(10 ** 12, 4, 4, 3), dtype=np.uint8,
                         chunks=(1, 4, 4, 3))
        f.create_dataset("train_set_y", shape=(10 ** 12,), dtype=np.int64, chunks=(1024,))
        f.create_dataset("list_classes", data=np.array([b"non-cat", b"cat"]))
    assert (small_dir / "train_tiny.h5").stat().st_size < 100_000
    message = error_of(small_dir)
    assert "train_tiny.h5" in message and "Unable to allocate" in message


@pytest.mark.parametrize("key", ["train_set_x", "train_set_y", "list_classes"])
def test_a_missing_key_is_named(small_dir: Path, key: str) -> None:
    write_split(small_dir / "train_tiny.h5", "train", pictures(6), np.zeros(6, int),
                skip=(key,))
    message = error_of(small_dir)
    assert "train_tiny.h5" in message and repr(key) in message


def test_a_test_file_with_train_keys(small_dir: Path) -> None:
    write_split(small_dir / "test_tiny.h5", "train", pictures(4), np.zeros(4, int))
    assert "'test_set_x'" in error_of(small_dir)


def test_counts_of_pictures_and_labels_must_match(small_dir: Path) -> None:
    write_split(small_dir / "train_tiny.h5", "train", pictures(6), np.array([0, 1, 1, 0]))
    message = error_of(small_dir)
    assert "6 pictures" in message and "(4,)" in message and "train_tiny.h5" in message


def test_pictures_of_the_wrong_rank(small_dir: Path) -> None:
    flat = pictures(6).reshape(6, -1)
    write_split(small_dir / "train_tiny.h5", "train", flat, np.zeros(6, int))
    message = error_of(small_dir)
    assert "(6, 48)" in message and "(m, height, width, channels)" in message


def test_pictures_that_are_not_uint8(small_dir: Path) -> None:
    write_split(small_dir / "train_tiny.h5", "train", pictures(6) / 255., np.zeros(6, int))
    assert "float64" in error_of(small_dir) and "uint8" in error_of(small_dir)


def test_labels_outside_zero_and_one(small_dir: Path) -> None:
    write_split(small_dir / "test_tiny.h5", "test", pictures(4), np.array([0, 1, 2, 7]))
    message = error_of(small_dir)
    assert "test_tiny.h5" in message and "0 or 1" in message and "[2, 7]" in message


def test_train_and_test_pictures_must_have_one_size(small_dir: Path) -> None:
    write_split(small_dir / "test_tiny.h5", "test", pictures(4, side=5), np.zeros(4, int))
    message = error_of(small_dir)
    assert "(5, 5, 3)" in message and "(4, 4, 3)" in message


# ------------------------------------------------------------------ the built-in dataset

def test_builtin_dataset_is_the_same_for_the_same_seed() -> None:
    first, again, other = builtin_dataset(seed=1), builtin_dataset(seed=1), builtin_dataset(2)
    assert np.array_equal(first.train_x, again.train_x)
    assert np.array_equal(first.test_y, again.test_y)
    assert not np.array_equal(first.train_x, other.train_x)


def test_builtin_dataset_looks_like_the_course_data() -> None:
    data = builtin_dataset()
    assert data.image_shape == (64, 64, 3) and data.n_x == 12288
    assert data.train_x.shape == (12288, 300) and data.test_x.shape == (12288, 100)
    assert data.classes == ("square", "circle")
    assert 0 <= data.train_x.min() and data.train_x.max() <= 1
    # Balanced: half circles (1), half squares (0), in each split.
    assert int(data.train_y.sum()) == 150 and int(data.test_y.sum()) == 50


def test_builtin_dataset_leaves_no_temporary_files(tmp_path: Path, monkeypatch) -> None:
    # (How long it takes is measured by `make bench`, not here.)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    builtin_dataset(seed=3)
    assert list(tmp_path.iterdir()) == []


def test_written_builtin_files_are_the_builtin_dataset(tmp_path: Path) -> None:
    train_path, test_path = write_builtin_dataset(tmp_path / "shapes", seed=1)
    assert Path(train_path).name == "train_shapes.h5" and Path(test_path).name == "test_shapes.h5"
    with h5py.File(train_path) as f:
        assert f["train_set_x"].dtype == np.uint8 and f["train_set_x"].shape == (300, 64, 64, 3)
        assert f["list_classes"][()].tolist() == [b"square", b"circle"]
    from_disk, built_in = load_dataset(tmp_path / "shapes"), builtin_dataset(seed=1)
    assert np.array_equal(from_disk.train_x, built_in.train_x)
    assert np.array_equal(from_disk.test_y, built_in.test_y)


def test_circles_and_squares_differ_where_a_square_has_corners() -> None:
    # Independent of any training: averaged over the pictures, the pixels just outside a
    # circle of the shapes' mean size but inside the square of the same area are brighter
    # in pictures of squares.
    data = builtin_dataset()
    pictures_ = data.train_x.T.reshape(-1, 64, 64, 3).mean(axis=3)
    yy, xx = np.mgrid[0:64, 0:64] - 32
    corners = (np.maximum(abs(xx), abs(yy)) <= 11) & (xx ** 2 + yy ** 2 > 12 ** 2)
    squares = pictures_[data.train_y[0] == 0][:, corners].mean()
    circles = pictures_[data.train_y[0] == 1][:, corners].mean()
    assert squares > circles + 0.03
