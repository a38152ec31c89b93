package io.lmkit.spark;

import io.lmkit.core.vocab.Vocabulary;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.apache.spark.api.java.JavaPairRDD;

/**
 * The data fingerprint of a corpus read by Spark, for the model file's manifest: the sum (mod 2^64, twice) of
 * each sentence's SHA-256 over its line index and word ids, with the vocabulary's fingerprint. It does not depend
 * on how Spark partitions the input, and it differs from the single-machine fingerprint (a SHA-256 of every
 * sentence in order, which would stream the whole corpus through one machine): it starts with {@code spark-}.
 */
final class Fingerprint {

    private Fingerprint() {
    }

    static String of(JavaPairRDD<Long, int[]> sentences, Vocabulary vocabulary) {
        long[] sums = sentences.map(s -> {
            MessageDigest sha = sha256();
            ByteBuffer b = ByteBuffer.allocate(8 + 4 * s._2().length);
            b.putLong(s._1());
            for (int id : s._2()) {
                b.putInt(id);
            }
            ByteBuffer d = ByteBuffer.wrap(sha.digest(b.array()));
            return new long[] {d.getLong(), d.getLong()};
        }).fold(new long[2], (x, y) -> new long[] {x[0] + y[0], x[1] + y[1]});
        MessageDigest sha = sha256();
        sha.update(vocabulary.fingerprint().getBytes(StandardCharsets.US_ASCII));
        sha.update(ByteBuffer.allocate(16).putLong(sums[0]).putLong(sums[1]).array());
        return "spark-" + HexFormat.of().formatHex(sha.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
