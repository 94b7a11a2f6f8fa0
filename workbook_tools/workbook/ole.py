"""The directory of an OLE compound file (MS-CFB), read with bounded effort: the names of its streams.

Pre-flight (preflight.py) uses them to tell an encrypted .xlsx from a legacy .xls / WPS .et or another
Office file; nothing here raises anything but ValueError, and nothing beyond the header, the FAT sectors
on the directory's chain and the directory sectors is read."""

from __future__ import annotations

import struct

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

_ENDOFCHAIN = 0xFFFFFFFE
_MAX_SECTOR = 0xFFFFFFFA  # above: special markers
_MAX_DIR_SECTORS = 256  # 1,024+ directory entries: far more than any Office file has


def cfb_stream_names(data: bytes) -> list[str]:
    """Names of all entries in an OLE compound file's directory (MS-CFB), read with bounded effort.

    Only the header, the FAT sectors on the directory's chain and the directory sectors are touched.
    Raises ValueError on anything malformed."""
    if len(data) < 512 or data[:8] != OLE_MAGIC:
        raise ValueError("not a compound file")
    major, byte_order, shift = struct.unpack_from("<HHH", data, 26)
    if byte_order != 0xFFFE or (major, shift) not in ((3, 9), (4, 12)):
        raise ValueError("unsupported compound file header")
    size = 1 << shift
    n_fat, first_dir = struct.unpack_from("<II", data, 44)[0], struct.unpack_from("<I", data, 48)[0]
    first_difat, n_difat = struct.unpack_from("<II", data, 68)
    n_sectors = max(0, (len(data) - size) // size)
    if n_fat > n_sectors + 1:
        raise ValueError("FAT larger than the file")

    def sector(i: int) -> bytes:
        if i >= n_sectors:
            raise ValueError("sector outside the file")
        off = (i + 1) * size
        return data[off:off + size]

    # FAT sector locations: 109 in the header, the rest along the DIFAT chain.
    fat_locs = list(struct.unpack_from("<109I", data, 76))
    per = size // 4
    nxt, hops = first_difat, 0
    while len(fat_locs) < n_fat and nxt <= _MAX_SECTOR and hops <= n_difat:
        block = struct.unpack(f"<{per}I", sector(nxt))
        fat_locs.extend(block[:-1])
        nxt, hops = block[-1], hops + 1
    fat_locs = fat_locs[:n_fat]

    def next_sector(i: int) -> int:
        k = i // per
        if k >= len(fat_locs) or fat_locs[k] > _MAX_SECTOR:
            raise ValueError("FAT does not cover the chain")
        return struct.unpack_from("<I", sector(fat_locs[k]), (i % per) * 4)[0]

    names: list[str] = []
    cur, seen = first_dir, set()
    while cur != _ENDOFCHAIN:
        if cur > _MAX_SECTOR or cur in seen or len(seen) >= _MAX_DIR_SECTORS:
            raise ValueError("bad directory chain")
        seen.add(cur)
        block = sector(cur)
        for off in range(0, size, 128):
            name_len, kind = struct.unpack_from("<HB", block, off + 64)
            if kind in (1, 2, 5) and 2 <= name_len <= 64:
                names.append(block[off:off + name_len - 2].decode("utf-16-le", "replace"))
        cur = next_sector(cur)
    if not names:
        raise ValueError("empty directory")
    return names


def _scan_stream_names(data: bytes) -> list[str]:
    """Fallback for a damaged directory: look for the stream names that matter as UTF-16LE text."""
    window = data[:1024 * 1024]
    wanted = ("EncryptionInfo", "EncryptedPackage", "Workbook", "Book", "WordDocument", "PowerPoint Document")
    return [n for n in wanted if n.encode("utf-16-le") + b"\x00\x00" in window]
