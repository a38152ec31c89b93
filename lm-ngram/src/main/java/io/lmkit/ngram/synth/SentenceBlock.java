package io.lmkit.ngram.synth;

import io.lmkit.core.vocab.Vocabulary;
import io.lmkit.ngram.NgramFollowers;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * One block of synthetic sentences: its text (UTF-8, one sentence a line) and, per word, what it
 * is, so that the writer can cut the corpus at a sentence and count its types in order. A block
 * depends only on the seed and its index, so blocks can be drawn on any thread in any order.
 *
 * @param text      the sentences, each ending in {@code \n}
 * @param lineEnds  for each sentence, the offset in {@code text} just past its {@code \n}
 * @param wordEnds  for each sentence, how many words the block holds up to its end
 * @param words     every word in order: a vocabulary id (0 or more), or −rank of a made-up word
 */
record SentenceBlock(byte[] text, int[] lineEnds, int[] wordEnds, long[] words) {

    /** Sentences longer than this are cut (a draw that never reaches {@code </s>}). */
    static final int MAX_SENTENCE_WORDS = 400;

    /** Draws {@code sentences} sentences of block {@code index} of the corpus of {@code seed}. */
    static SentenceBlock draw(NgramFollowers followers, ZipfMandelbrotWords madeUp, Set<String> taken,
                              byte[][] wordBytes, long seed, long index, int sentences) {
        SplittableRandom random = new SplittableRandom(mix(seed, index));
        Vocabulary v = followers.vocabulary();
        int[] context = new int[followers.order() + 1];
        Bytes text = new Bytes(sentences * 128);
        int[] lineEnds = new int[sentences];
        int[] wordEnds = new int[sentences];
        long[] words = new long[sentences * 24];
        int n = 0;
        for (int s = 0; s < sentences; s++) {
            int length = followers.begin(context);
            int inSentence = 0;
            while (inSentence < MAX_SENTENCE_WORDS) {
                int w = followers.draw(context, length, random);
                if (w == v.eos()) {
                    break;
                }
                if (inSentence > 0) {
                    text.add(' ');
                }
                if (n == words.length) {
                    words = java.util.Arrays.copyOf(words, n * 2);
                }
                if (w == v.unk()) {
                    long rank = madeUp.drawRank(random);
                    text.add(ZipfMandelbrotWords.form(rank, taken).getBytes(StandardCharsets.UTF_8));
                    words[n++] = -rank;
                } else {
                    text.add(wordBytes[w]);
                    words[n++] = w;
                }
                inSentence++;
                length = followers.advance(context, length, w);
            }
            if (inSentence == 0) {
                // An empty line would be no sentence to a reader: draw this sentence again.
                s--;
                continue;
            }
            text.add('\n');
            lineEnds[s] = text.size();
            wordEnds[s] = n;
        }
        return new SentenceBlock(text.toArray(), lineEnds, wordEnds, java.util.Arrays.copyOf(words, n));
    }

    /** A growable byte array without the locking of {@code ByteArrayOutputStream}. */
    private static final class Bytes {
        private byte[] bytes;
        private int size;

        Bytes(int capacity) {
            bytes = new byte[capacity];
        }

        void add(int b) {
            if (size == bytes.length) {
                bytes = java.util.Arrays.copyOf(bytes, size * 2);
            }
            bytes[size++] = (byte) b;
        }

        void add(byte[] b) {
            if (size + b.length > bytes.length) {
                bytes = java.util.Arrays.copyOf(bytes, Math.max(size * 2, size + b.length));
            }
            System.arraycopy(b, 0, bytes, size, b.length);
            size += b.length;
        }

        int size() {
            return size;
        }

        byte[] toArray() {
            return java.util.Arrays.copyOf(bytes, size);
        }
    }

    /** A well-mixed seed for block {@code index} (Steele et al.'s mix64 of the golden-ratio sequence). */
    static long mix(long seed, long index) {
        long z = seed + (index + 1) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
