"""Sync bundle files: one signed, encrypted, compressed file of operations.

Laptops sync with the office by carrying these files on USB sticks and by email,
so the reader treats every byte as hostile: it checks cheap things first, caps
every length before allocating, verifies the sender's signature before
decrypting, decompresses with a hard cap, validates every operation against an
allow-list, and raises nothing but :class:`~saypro_desktop.sync.errors.BundleError`
subclasses whatever the input. It is one flat file, not a zip, so there are no
paths to escape and no archive bombs.

Layout (integers big-endian)::

    magic        8 bytes   b"SAYPROB\\0"
    version      u16       FORMAT_VERSION
    header_len   u32       length of the header JSON
    header       canonical JSON (sorted keys, no spaces, ASCII), see BundleHeader
    signature    64 bytes  Ed25519 by the sender over magic|version|header_len|header
    body         ChaCha20-Poly1305(enc_key, nonce=0, zlib(content), aad=magic..header)

The body's 32-byte secret is random per bundle and wrapped for each recipient:
X25519(ephemeral, recipient) -> HKDF-SHA256 -> ChaCha20-Poly1305 (48 bytes each,
listed in the header). ``content_digest`` is HMAC-SHA256 of the decompressed
content under a key derived from that secret: it binds the content to the
sender's signature (a recipient knows the secret and could otherwise re-encrypt
other content under the same signed header) without revealing anything about
the content to an outsider holding only the file.

Content is columnar JSON: strings (device ids, tables, fields, row ids) are
interned once and operations refer to them by index; sequence numbers and clock
walls are delta-encoded. With zlib this is ~5 bytes per typical field change.
"""

from saypro_desktop.sync.bundle.codec import (
    Content,
    OperationColumns,
    _decode_content,
    _encode_content,
)
from saypro_desktop.sync.bundle.envelope import (
    _assemble,
    open_bundle,
    open_bundle_content,
    read_bundle_header,
    write_bundle,
)
from saypro_desktop.sync.bundle.files import read_bundle_file, write_bundle_file
from saypro_desktop.sync.bundle.header import BundleHeader, SeqRange
from saypro_desktop.sync.bundle.limits import (
    DEFAULT_LIMITS,
    FILE_SUFFIX,
    FORMAT_VERSION,
    MAGIC,
    MAX_PRED,
    NAME_RE,
    BundleLimits,
)

__all__ = [
    "DEFAULT_LIMITS",
    "FILE_SUFFIX",
    "FORMAT_VERSION",
    "MAGIC",
    "MAX_PRED",
    "NAME_RE",
    "BundleHeader",
    "BundleLimits",
    "Content",
    "OperationColumns",
    "SeqRange",
    "_assemble",
    "_decode_content",
    "_encode_content",
    "open_bundle",
    "open_bundle_content",
    "read_bundle_file",
    "read_bundle_header",
    "write_bundle",
    "write_bundle_file",
]
