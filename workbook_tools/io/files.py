"""Writing outputs that never leaves half a result: all files of a command as one set, all or none.

`write_outputs` first checks every target (not a folder, not an input — also through a symlink —,
not existing unless forced, a name the file system accepts, a folder it can write in), then writes
every file as a temporary in its target's folder, and only then gives them their names.  On Linux the
temporaries are anonymous (O_TMPFILE): a kill leaves nothing behind, and a new file gets its name by
one link, which never replaces anything.  Elsewhere, and where the file system cannot do that, the
temporaries have short names (``.xxgk-PID-XXXXXXXX.tmp``) that a later run in the same folder removes
once their process is gone.  Any failure removes every temporary and every output of the set already
renamed (restoring a file that --force was replacing).

A process killed with SIGKILL cannot clean up, so a *guard* process does it (cleanup.py, with the
short names and the sweep of stale temporaries): what is written here registers with it.
File-system errors become InputError (exit 2) naming the path and the reason in Chinese.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import stat
from pathlib import Path

from ..errors import InputError, OutputExists, input_error
from .cleanup import PREFIX, Guard, _short_name, guard, sweep_stale  # noqa: F401  (guard: render.report_pdf)
from .inputs import read_text  # noqa: F401  (the one bounded text reader; imported from here by readers)

_FS_REASONS = {  # errno -> the case of inputs.write-failed
    errno.ENOSPC: "no-space", errno.EDQUOT: "quota", errno.EROFS: "read-only", errno.EACCES: "permission",
    errno.EPERM: "not-permitted", errno.ENAMETOOLONG: "name-too-long", errno.EISDIR: "folder",
    errno.ENOTDIR: "not-folder", errno.EEXIST: "exists", errno.EXDEV: "cross-device", errno.EFBIG: "too-big",
    errno.EIO: "io",
}


def fs_error(e: OSError, path) -> InputError:
    """A file-system error while writing, as an input error (exit 2) with the path and the reason."""
    case = _FS_REASONS.get(e.errno)
    return input_error(f"write-failed.{case}" if case else "write-failed", path=path,
                       **({} if case else {"reason": e.strerror}))


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except (OSError, ValueError):
        return os.path.realpath(a) == os.path.realpath(b)


def check_outputs(paths, force: bool = False, inputs=()) -> list[Path]:
    """Everything that can be known about the targets before anything is computed or written."""
    targets = [Path(p) for p in paths]
    for i, t in enumerate(targets):
        if any(_same_file(t, o) for o in targets[:i]):
            raise input_error("same-file", path=t)
        for src in inputs:
            if src is not None and (_same_file(Path(src), t) or os.path.realpath(src) == os.path.realpath(t)):
                raise input_error("same-file.input", path=t)
        try:
            st = os.lstat(t)
        except FileNotFoundError:
            st = None
        except OSError as e:
            raise fs_error(e, t) from None
        if st is not None:
            follow = os.stat(t) if stat.S_ISLNK(st.st_mode) and os.path.exists(t) else st
            if stat.S_ISDIR(follow.st_mode):
                raise fs_error(OSError(errno.EISDIR, "is a folder"), t)
            if not force:
                raise OutputExists(str(t))
            if not (stat.S_ISREG(follow.st_mode) or stat.S_ISLNK(st.st_mode)):
                raise input_error("not-a-file.output", path=t)
        _check_name(t)
    return targets


def _check_name(t: Path) -> None:
    parent = _existing_parent(t)
    try:
        name_max = os.pathconf(parent, "PC_NAME_MAX")
    except (OSError, ValueError, AttributeError):
        name_max = 255
    for part in t.parts[len(parent.parts):]:
        if len(os.fsencode(part)) > name_max:
            raise fs_error(OSError(errno.ENAMETOOLONG, "name too long"), t)
    if not os.path.isdir(parent):
        raise fs_error(OSError(errno.ENOTDIR, "not a folder"), t)
    if not os.access(parent, os.W_OK | os.X_OK):
        try:  # os.access cannot tell a read-only mount from a permission problem
            ro = os.statvfs(parent).f_flag & os.ST_RDONLY
        except (OSError, AttributeError):
            ro = False
        raise fs_error(OSError(errno.EROFS if ro else errno.EACCES, "not writable"), t)


def _existing_parent(t: Path) -> Path:
    p = t.parent
    while not os.path.lexists(p) and p != p.parent:
        p = p.parent
    return p


def write_atomic(path: str | os.PathLike, data: bytes, force: bool = False, inputs=()) -> Path:
    """One output (see `write_outputs`)."""
    return write_outputs([(path, data)], force=force, inputs=inputs)[0]


def write_outputs(items, force: bool = False, inputs=()) -> list[Path]:
    """Write every (path, bytes) of `items` as one set: afterwards all of them exist, or none."""
    targets = check_outputs([p for p, _ in items], force, inputs)
    made: list[Path] = []  # folders created for the outputs, removed again on failure
    staged: list[_Staged] = []
    current = targets[0]
    try:
        for t in targets:
            current = t
            made += _make_parents(t.parent)
            sweep_stale(t.parent)
        for t, (_, data) in zip(targets, items):
            current = t
            s = _Staged(t, force)
            staged.append(s)  # before writing: a failed write is discarded with the rest
            s.write(data)
        _publish(staged)
    except BaseException as e:
        for s in staged:
            s.discard()
        for d in reversed(made):
            with contextlib.suppress(OSError):
                os.rmdir(d)
        if isinstance(e, OSError):
            raise fs_error(e, getattr(e, "xxgk_path", None) or current) from None
        raise
    return targets


def _make_parents(folder: Path) -> list[Path]:
    missing = []
    p = folder
    while not os.path.lexists(p) and p != p.parent:
        missing.append(p)
        p = p.parent
    for d in reversed(missing):
        os.mkdir(d)
    return list(reversed(missing))


def _publish(staged: list["_Staged"]) -> None:
    """Give every staged file its name.  With more than one, the guard knows the set first, so that a
    kill in the middle of the renames is undone (all or none)."""
    journal = len(staged) > 1
    if journal:
        for s in staged:
            guard().undo(s.target, s.backup_name())
    done: list[_Staged] = []
    try:
        for s in staged:
            s.publish()
            done.append(s)
        _fsync_dir(staged[0].target.parent)
    except BaseException:
        for s in reversed(done):
            s.unpublish()
        raise
    finally:
        if journal:
            guard().forget_undo()
    for s in staged:
        s.drop_backup()


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError, AttributeError):
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


class _Staged:
    """One output written in full but not yet under its name."""

    def __init__(self, target: Path, force: bool):
        self.target, self.force = target, force
        self.fd: int | None = None
        self.tmp: Path | None = None
        self.backup: Path | None = None
        self.published = False
        self.mode = _file_mode(target)

    def write(self, data: bytes) -> None:
        folder = self.target.parent
        if _anonymous_ok(folder):
            self.fd = _anonymous(folder, self.mode)
        else:  # no anonymous files here: a short named temporary the guard knows about
            self.tmp = _short_name(folder, "tmp")
            guard().remove_on_death(self.tmp)
            self.fd = os.open(self.tmp, os.O_CREAT | os.O_EXCL | os.O_WRONLY | getattr(os, "O_CLOEXEC", 0), 0o600)
        os.fchmod(self.fd, self.mode)  # an output should look like any saved file, whatever the umask made
        view = memoryview(data)
        while view:
            view = view[os.write(self.fd, view):]
        os.fsync(self.fd)

    def backup_name(self) -> Path | None:
        """Where a file --force replaces is kept until the set is complete (a second link to it)."""
        if not self.force or not os.path.isfile(self.target) or os.path.islink(self.target):
            return None
        name = _short_name(self.target.parent, "bak")
        try:
            os.link(self.target, name)
        except OSError:
            return None
        self.backup = name
        return name

    def publish(self) -> None:
        try:
            if self.tmp is None:
                if not os.path.lexists(self.target):
                    _link_fd(self.fd, self.target)  # a new file: one step, which replaces nothing
                else:
                    self.tmp = _short_name(self.target.parent, "tmp")
                    guard().remove_on_death(self.tmp)
                    _link_fd(self.fd, self.tmp)
                    os.replace(self.tmp, self.target)
            else:
                os.replace(self.tmp, self.target)
        except OSError as e:
            e.xxgk_path = str(self.target)
            raise
        self.tmp = None
        self.published = True
        self._close()

    def unpublish(self) -> None:
        with contextlib.suppress(OSError):
            if self.backup is not None:
                os.replace(self.backup, self.target)
                self.backup = None
            else:
                os.unlink(self.target)
        self.published = False

    def drop_backup(self) -> None:
        if self.backup is not None:
            with contextlib.suppress(OSError):
                os.unlink(self.backup)
            self.backup = None

    def discard(self) -> None:
        self._close()
        if self.tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(self.tmp)
            self.tmp = None
        self.drop_backup()

    def _close(self) -> None:
        if self.fd is not None:
            with contextlib.suppress(OSError):
                os.close(self.fd)
            self.fd = None


_AT_FDCWD, _AT_EMPTY_PATH = -100, 0x1000
_anonymous_by_device: dict[int, bool] = {}


def _anonymous(folder: Path, mode: int) -> int:
    return os.open(folder, os.O_TMPFILE | os.O_WRONLY | getattr(os, "O_CLOEXEC", 0), mode)


def _link_fd(fd: int, dst: Path) -> None:
    """Give an anonymous file a name: linkat(AT_EMPTY_PATH), else through /proc/self/fd."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        if libc.linkat(fd, b"", _AT_FDCWD, os.fsencode(dst), _AT_EMPTY_PATH) == 0:
            return
        err = ctypes.get_errno()
        if err not in (errno.EPERM, errno.ENOENT, errno.EINVAL, errno.ENOSYS, errno.EXDEV):
            raise OSError(err, os.strerror(err), str(dst))
    except (OSError, AttributeError) as e:
        if isinstance(e, OSError) and e.errno not in (None, errno.EPERM, errno.ENOENT, errno.EINVAL, errno.ENOSYS, errno.EXDEV):
            raise
    os.link(f"/proc/self/fd/{fd}", dst, follow_symlinks=True)


def _anonymous_ok(folder: Path) -> bool:
    """Whether anonymous files can be made and named in `folder` (tried once per file system)."""
    if not hasattr(os, "O_TMPFILE"):
        return False
    try:
        dev = os.stat(folder).st_dev
    except OSError:
        return False
    if dev not in _anonymous_by_device:
        probe = _short_name(folder, "tmp")
        ok = False
        try:
            fd = _anonymous(folder, 0o600)
            try:
                _link_fd(fd, probe)
                ok = True
            finally:
                os.close(fd)
        except OSError:
            pass
        with contextlib.suppress(OSError):
            os.unlink(probe)
        _anonymous_by_device[dev] = ok
    return _anonymous_by_device[dev]


def _file_mode(target: Path) -> int:
    """The replaced file's mode, or what a newly created file would get under the umask."""
    try:
        return target.stat().st_mode & 0o777
    except OSError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask


# ------------------------------------------------------------------------------------------------ scratch


@contextlib.contextmanager
def scratch_dir(near: str | os.PathLike):
    """A private folder for a helper program (LibreOffice), beside the outputs so that it is on their
    file system, removed on every exit path — by the guard if this process is killed."""
    folder = Path(near)
    if not os.path.isdir(folder):
        folder = _existing_parent(folder / "x")
    sweep_stale(folder)
    path = _short_name(folder, "d").absolute()  # LibreOffice wants its profile as an absolute URI
    guard().remove_on_death(path)
    try:
        os.mkdir(path, 0o700)
    except OSError as e:
        raise fs_error(e, folder) from None
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)
