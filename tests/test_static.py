"""The static files production serves: every file a stylesheet refers to is there, so the manifest builds."""

from __future__ import annotations

import importlib.util
import re
import shutil
from pathlib import Path

from django.core.management import call_command
from django.test import override_settings

ROOT = Path(__file__).resolve().parent.parent


def load_assets_script():
    spec = importlib.util.spec_from_file_location("assets", ROOT / "scripts" / "assets.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def build_static(tmp_path: Path) -> Path:
    """Our own static files with the vendor folder written afresh by scripts/assets.py."""
    static = tmp_path / "static"
    shutil.copytree(ROOT / "fostering" / "static", static, ignore=shutil.ignore_patterns("vendor"))
    assert load_assets_script().main(vendor=static / "vendor") == 0
    return static


def test_every_url_in_the_copied_stylesheet_names_a_copied_file(tmp_path):
    static = build_static(tmp_path)
    css = static / "vendor" / "govuk" / "govuk-frontend.min.css"
    urls = set(re.findall(r"url\(\s*['\"]?([^'\")]+)", css.read_text()))
    assert "images/govuk-crest.svg" in urls
    missing = sorted(url for url in urls if not (css.parent / url).is_file())
    assert missing == []


def test_the_manifest_storage_of_production_collects_every_file(tmp_path):
    static = build_static(tmp_path)
    root = tmp_path / "collected"
    storages = {
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
    }
    with override_settings(
        STATICFILES_DIRS=[static],
        STATIC_ROOT=root,
        STORAGES=storages,
        STATICFILES_FINDERS=["django.contrib.staticfiles.finders.FileSystemFinder"],
    ):
        call_command("collectstatic", interactive=False, verbosity=0)
    manifest = (root / "staticfiles.json").read_text()
    assert "vendor/govuk/images/govuk-crest.svg" in manifest
    hashed_css = next((root / "vendor" / "govuk").glob("govuk-frontend.min.*.css"))
    assert re.search(r"url\(\"?images/govuk-crest\.[0-9a-f]{12}\.svg", hashed_css.read_text())
