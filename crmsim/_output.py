"""Safe output folders for the command line: nothing lost, nothing half-written.

A crmsim output folder holds the tables, ``scenario.toml`` and the run's manifest
``run.json`` (``{"crmsim_output": 1, "crmsim_version": ..., "tables": [...], ...}``). The
rules, in the order :func:`prepare_output` applies them before any simulation runs:

* ``--out`` may not be the current folder, a parent of it, the home folder or ``/``;
* an existing ``--out`` is replaced only with ``--force`` and only when it is a crmsim
  output (its manifest is present and it holds no file crmsim did not write);
* the destination must be writable (checked by creating the temporary folder at once, so
  a read-only file system or a file where a folder is expected is reported before the
  simulation, not after).

The tables are written into a hidden temporary folder ``.crmsim-tmp-<name>-<pid>-<random>``
next to the destination, marked by a ``.crmsim-tmp`` file holding the writer's process id.
Every file and the folder are flushed to disk (``fsync``) before the final rename. With
``--force`` the old output is first renamed to the visible ``<name>.sauvegarde-crmsim``,
then the new folder takes its place and the backup is deleted. If the process dies in
between, the next run restores the backup (or deletes it when the new output is complete)
and says so; stale temporary folders of dead crmsim processes are deleted on the next run.
"""

from __future__ import annotations

import errno
import json
import os
import secrets
import shutil
from collections.abc import Callable
from pathlib import Path

from crmsim.errors import OutputError

__all__ = [
    "BACKUP_SUFFIX",
    "MANIFEST",
    "MIN_FREE_BYTES",
    "TMP_MARK",
    "TMP_PREFIX",
    "OutputError",
    "commit_output",
    "foreign_files",
    "fsync_tree",
    "is_crmsim_output",
    "os_error_fr",
    "prepare_output",
    "read_text_file",
    "recover",
    "toml_error_fr",
    "write_text_file",
]

MANIFEST = "run.json"
TMP_PREFIX = ".crmsim-tmp-"
TMP_MARK = ".crmsim-tmp"
BACKUP_SUFFIX = ".sauvegarde-crmsim"
MIN_FREE_BYTES = 16 * 1024**2
"""Free disk space required before a simulation starts (a full disk is reported first)."""
_FIXED_FILES = {MANIFEST, "scenario.toml"}

_ERRNO_FR = {
    errno.EACCES: "permission refusée",
    errno.EPERM: "opération non permise",
    errno.EROFS: "système de fichiers en lecture seule",
    errno.ENOSPC: "disque plein",
    errno.ENOTDIR: "un fichier se trouve là où un dossier est attendu",
    errno.EISDIR: "un dossier se trouve là où un fichier est attendu",
    errno.ENOENT: "chemin introuvable",
    errno.EEXIST: "le chemin existe déjà",
    errno.ENAMETOOLONG: "nom de fichier trop long",
    errno.EDQUOT: "quota de disque dépassé",
}


def os_error_fr(exc: OSError) -> str:
    """A French description of an operating-system error (no English strerror)."""
    what = _ERRNO_FR.get(exc.errno or 0, f"erreur système n° {exc.errno}")
    where = f" ({exc.filename})" if exc.filename else ""
    return f"{what}{where}"


def _read_manifest(folder: Path) -> dict | None:
    try:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or "crmsim_version" not in data:
        return None
    if not isinstance(data.get("tables"), list):
        return None
    return data


def foreign_files(folder: Path) -> list[str]:
    """Names in ``folder`` that its crmsim manifest does not list (all, without manifest)."""
    meta = _read_manifest(folder)
    names = sorted(p.name for p in folder.iterdir())
    if meta is None:
        return names
    ext = meta.get("format", "parquet")
    own = _FIXED_FILES | {f"{t}.{ext}" for t in meta["tables"]}
    own |= set(meta.get("files", [])) | {TMP_MARK}
    return [n for n in names if n not in own or (folder / n).is_dir()]


def is_crmsim_output(folder: Path) -> bool:
    """True when ``folder`` has a crmsim manifest and nothing crmsim did not write."""
    return folder.is_dir() and _read_manifest(folder) is not None and not foreign_files(folder)


def _pid_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def recover(out: Path, say: Callable[[str], None] = print) -> None:
    """Clean up after a crmsim run killed next to ``out`` (temporary folders, backup)."""
    parent = out.parent
    if not parent.is_dir():
        return
    for tmp in parent.glob(f"{TMP_PREFIX}*"):
        mark = tmp / TMP_MARK
        if not tmp.is_dir() or not mark.is_file():
            continue  # not ours: never touched
        try:
            pid = int(json.loads(mark.read_text(encoding="utf-8")).get("pid", 0))
        except (OSError, ValueError, TypeError, AttributeError):
            pid = 0
        if not _pid_alive(pid):
            shutil.rmtree(tmp, ignore_errors=True)
            say(f"Dossier temporaire abandonné par une exécution interrompue supprimé : {tmp}.")
    backup = parent / f"{out.name}{BACKUP_SUFFIX}"
    if not (backup.is_dir() and _read_manifest(backup) is not None):
        return
    if not out.exists():
        os.replace(backup, out)
        _fsync_dir(parent)
        say(
            "Une exécution précédente a été interrompue pendant le remplacement de "
            f"{out} : l’ancienne sortie a été restaurée à sa place."
        )
    elif is_crmsim_output(out):
        shutil.rmtree(backup, ignore_errors=True)
        say(f"Sauvegarde d’une sortie déjà remplacée supprimée : {backup}.")
    else:
        say(f"Attention : une ancienne sortie de crmsim est conservée dans {backup}.")


def _forbidden(out: Path) -> str | None:
    target = out.resolve()
    cwd = Path.cwd().resolve()
    if target == cwd or target in cwd.parents:
        return "le dossier courant ou l’un de ses parents"
    home = Path.home().resolve()
    if target == home or target in home.parents:
        return "le dossier personnel ou l’un de ses parents"
    if target == Path(target.anchor):
        return "la racine du système de fichiers"
    return None


def prepare_output(out: Path, *, force: bool) -> Path:
    """Check ``out`` and create the marked temporary folder next to it; return that folder.

    Raises :class:`OutputError` (French) when ``out`` is forbidden, exists without
    ``--force``, is not a crmsim output, or when its parent cannot be written.
    """
    out = Path(out)
    bad = _forbidden(out)
    if bad:
        raise OutputError(
            f"--out {out} désigne {bad} : crmsim ne l’écrase jamais. "
            "Choisissez un nouveau sous-dossier, par exemple --out sorties/essai1."
        )
    recover(out)
    if out.exists() or out.is_symlink():
        if not out.is_dir() or out.is_symlink():
            raise OutputError(
                f"--out {out} est un fichier (ou un lien), pas un dossier : choisissez "
                "un autre nom de dossier."
            )
        if not force:
            raise OutputError(
                f"Le dossier {out} existe déjà : choisissez un autre --out ou ajoutez "
                "--force pour remplacer une ancienne sortie de crmsim."
            )
        if _read_manifest(out) is None:
            raise OutputError(
                f"--force refusé : le dossier {out} n’est pas une sortie de crmsim (il ne "
                f"contient pas de manifeste {MANIFEST}). Rien n’a été supprimé ; choisissez "
                "un autre --out."
            )
        extra = foreign_files(out)
        if extra:
            shown = ", ".join(f"« {n} »" for n in extra[:5])
            raise OutputError(
                f"--force refusé : le dossier {out} contient des fichiers que crmsim n’a "
                f"pas écrits ({shown}). Rien n’a été supprimé ; déplacez-les ou choisissez "
                "un autre --out."
            )
    ancestor = out.parent
    while not ancestor.exists() and ancestor != ancestor.parent:
        ancestor = ancestor.parent
    if not ancestor.is_dir():
        raise OutputError(f"Impossible de créer {out} : {ancestor} est un fichier, pas un dossier.")
    free = shutil.disk_usage(ancestor).free
    if free < MIN_FREE_BYTES:
        raise OutputError(
            f"Disque presque plein sous {ancestor} : {free // 1024} Kio libres. Libérez de la "
            "place ou choisissez un autre --out avant de lancer la simulation."
        )
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        tmp = out.parent / f"{TMP_PREFIX}{out.name}-{os.getpid()}-{secrets.token_hex(4)}"
        tmp.mkdir()
        (tmp / TMP_MARK).write_text(json.dumps({"pid": os.getpid()}), encoding="utf-8")
    except OSError as exc:
        raise OutputError(
            f"Impossible d’écrire dans {out.parent} : {os_error_fr(exc)}. "
            "Choisissez un dossier où vous avez le droit d’écrire."
        ) from None
    return tmp


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def fsync_tree(folder: Path) -> None:
    """Flush every file of ``folder`` and the folder itself to disk."""
    for path in folder.iterdir():
        if path.is_file():
            with open(path, "rb") as fh:
                os.fsync(fh.fileno())
    _fsync_dir(folder)


def commit_output(tmp: Path, out: Path) -> None:
    """Move the finished ``tmp`` folder to ``out``, replacing an old output recoverably."""
    fsync_tree(tmp)
    if out.exists():
        backup = out.parent / f"{out.name}{BACKUP_SUFFIX}"
        os.replace(out, backup)
        _fsync_dir(out.parent)
        try:
            os.replace(tmp, out)
        except BaseException:
            os.replace(backup, out)
            raise
        _fsync_dir(out.parent)
        shutil.rmtree(backup, ignore_errors=True)
    else:
        os.replace(tmp, out)
        _fsync_dir(out.parent)
    (out / TMP_MARK).unlink(missing_ok=True)  # the mark travels with the folder until here


def _as_path(path: object, what: str, error: type[Exception]) -> Path:
    if isinstance(path, bytes) or not isinstance(path, (str, os.PathLike)) or not str(path):
        raise error(f"Le chemin du {what} doit être un texte (un nom de fichier), reçu {path!r}.")
    if "\0" in str(path):
        raise error(f"Le chemin du {what} contient un caractère nul : {path!r}.")
    return Path(path)


def read_text_file(
    path: object, *, what: str, limit: int, error: type[Exception] = OutputError
) -> str:
    """Read a small UTF-8 text file; French ``error`` when missing, a folder, too big, binary."""
    file = _as_path(path, what, error)
    try:
        if file.is_dir():
            raise error(
                f"{file} est un dossier, pas un fichier de {what} : donnez le nom du fichier."
            )
        size = file.stat().st_size
        if size > limit:
            raise error(
                f"Le fichier de {what} {file} pèse {size / 1e6:.1f} Mo".replace(".", ",")
                + f", au-delà de la limite de {limit / 1e6:.0f} Mo : ce n’est pas un fichier de "
                f"{what} écrit à la main ou par crmsim. Vérifiez le nom du fichier."
            )
        with open(file, "rb") as fh:
            raw = fh.read(limit + 1)
        return raw.decode("utf-8")
    except FileNotFoundError:
        raise error(f"Fichier de {what} introuvable : {file}.") from None
    except UnicodeDecodeError:
        raise error(
            f"{file} n’est pas un fichier texte UTF-8 : enregistrez le fichier de {what} en UTF-8 "
            "(ou vérifiez que c’est le bon fichier)."
        ) from None
    except OSError as exc:
        raise error(f"Impossible de lire {file} : {os_error_fr(exc)}.") from None


def write_text_file(
    path: object, text: str, *, what: str, error: type[Exception] = OutputError
) -> Path:
    """Write ``text`` atomically (temporary file, fsync, rename); French ``error`` on failure."""
    file = _as_path(path, what, error)
    if file.is_dir():
        raise error(f"{file} est un dossier : donnez un nom de fichier dans ce dossier.")
    if not file.parent.is_dir():
        raise error(
            f"Le dossier {file.parent} n’existe pas : créez-le d’abord (Path(...).mkdir()) ou "
            "choisissez un autre chemin."
        )
    tmp = file.with_name(f".{file.name}.{os.getpid()}.tmp")
    try:
        with open(tmp, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, file)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise error(f"Impossible d’écrire {file} : {os_error_fr(exc)}.") from None
    return file


def toml_error_fr(exc: Exception) -> str:
    """Where a TOML syntax error is, in French (tomllib's message is English)."""
    import re

    found = re.search(r"line (\d+), column (\d+)", str(exc))
    if found:
        return f"erreur de syntaxe ligne {found.group(1)}, colonne {found.group(2)}"
    if "end of document" in str(exc):
        return "erreur de syntaxe à la fin du fichier"
    return "erreur de syntaxe"
