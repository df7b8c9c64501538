"""Keys and passwords: argon2id password hashes, Ed25519 key pairs sealed under a password,
signatures and fingerprints.  The only room that imports ``cryptography`` and ``argon2``;
it may import the domain."""
