"""惠民财政补贴资金“一卡通”专项整治 desktop."""

from importlib.metadata import PackageNotFoundError, version

try:  # one place for the version: pyproject.toml, as installed (a frozen build carries the metadata)
    __version__ = version("yikatong-desktop")
except PackageNotFoundError:  # a bare source tree on sys.path, never installed
    __version__ = "0+unknown"
