package io.lmkit.cli.internal;

import io.lmkit.core.vocab.Vocabulary;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A vocabulary's ids looked up by the UTF-8 bytes of a word, so that a text read as bytes is encoded
 * without a {@code String} a token: an open-addressing table (linear probing, at most half full) of
 * every word's bytes, hashed with FNV-1a as the bytes are scanned ({@link #hashStart}, {@link #hashStep}).
 * Immutable once built; safe to share between threads.
 */
final class Utf8WordIds {

    private static final int FNV_OFFSET = 0x811c9dc5;
    private static final int FNV_PRIME = 0x01000193;

    /** Word id + 1 in each slot, 0 for an empty slot. */
    private final int[] slots;
    private final int[] slotHashes;
    private final byte[] bytes;
    /** Where word id i's bytes start in {@link #bytes}; {@code starts[i + 1]} is where they end. */
    private final int[] starts;
    private final int mask;

    Utf8WordIds(Vocabulary vocabulary) {
        List<String> words = vocabulary.words();
        byte[][] encoded = new byte[words.size()][];
        int total = 0;
        for (int i = 0; i < encoded.length; i++) {
            encoded[i] = words.get(i).getBytes(StandardCharsets.UTF_8);
            total += encoded[i].length;
        }
        bytes = new byte[total];
        starts = new int[encoded.length + 1];
        for (int i = 0; i < encoded.length; i++) {
            System.arraycopy(encoded[i], 0, bytes, starts[i], encoded[i].length);
            starts[i + 1] = starts[i] + encoded[i].length;
        }
        int capacity = Integer.highestOneBit(Math.max(4, encoded.length) * 2) * 2;
        slots = new int[capacity];
        slotHashes = new int[capacity];
        mask = capacity - 1;
        for (int id = 0; id < encoded.length; id++) {
            int h = hashStart();
            for (byte b : encoded[id]) {
                h = hashStep(h, b);
            }
            int s = mix(h) & mask;
            while (slots[s] != 0) {
                s = (s + 1) & mask;
            }
            slots[s] = id + 1;
            slotHashes[s] = h;
        }
    }

    /** The hash of no bytes; feed each byte of a word to {@link #hashStep}. */
    static int hashStart() {
        return FNV_OFFSET;
    }

    /** The hash after one more byte. */
    static int hashStep(int hash, byte b) {
        return (hash ^ (b & 0xFF)) * FNV_PRIME;
    }

    /** Murmur3's finaliser: FNV's low bits alone index a power-of-two table poorly. */
    private static int mix(int h) {
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        return h;
    }

    /**
     * The id of the word whose UTF-8 bytes are {@code text[from, to)} and whose hash is {@code hash}, or -1
     * when the vocabulary does not have it.
     */
    int id(byte[] text, int from, int to, int hash) {
        int length = to - from;
        for (int s = mix(hash) & mask; ; s = (s + 1) & mask) {
            int entry = slots[s];
            if (entry == 0) {
                return -1;
            }
            if (slotHashes[s] == hash) {
                int id = entry - 1;
                int start = starts[id];
                if (starts[id + 1] - start == length && equal(text, from, start, length)) {
                    return id;
                }
            }
        }
    }

    private boolean equal(byte[] text, int from, int start, int length) {
        for (int i = 0; i < length; i++) {
            if (text[from + i] != bytes[start + i]) {
                return false;
            }
        }
        return true;
    }
}
