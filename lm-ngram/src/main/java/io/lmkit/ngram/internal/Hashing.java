package io.lmkit.ngram.internal;

/** The 64-bit mixer of n-gram keys (the finaliser of MurmurHash3), shared by the hash tables. */
final class Hashing {

    private Hashing() {
    }

    static long mix(long key) {
        long h = key;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}
