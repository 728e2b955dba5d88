"""Hatch build hook: a wheel is always built from raw/, so it can never ship Parquet that disagrees with it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class DataBuildHook(BuildHookInterface):
    PLUGIN_NAME = "eurasia-data"

    def initialize(self, version: str, build_data: dict) -> None:
        if self.target_name != "wheel" or version == "editable":
            return  # an editable install reads the data the developer builds with `make data`
        root = Path(self.root)
        cmd = [sys.executable, str(root / "build.py"), "--out", str(root / "src" / "eurasia_data" / "data")]
        sources = os.environ.get("EURASIA_SOURCES")
        if sources:
            cmd += ["--sources", sources]
        self.app.display_info("building the data from raw/: " + " ".join(cmd[1:]))
        subprocess.run(cmd, check=True, cwd=root)
