package io.lmkit.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The digest made on the second thread is that of exactly the bytes written, in order, and they pass through. */
class BackgroundDigestOutputStreamTest {

    @Test
    void theDigestIsTheSha256OfEveryByteWrittenInOrder() throws Exception {
        byte[] data = new byte[3_000_000];
        new Random(7).nextBytes(data);
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        BackgroundDigestOutputStream out = new BackgroundDigestOutputStream(sink, ModelFile.newSha256());
        int at = 0;
        int step = 1;
        while (at < data.length) {
            // Chunks of 1 byte up to 64 KiB and single-byte writes: more than IN_FLIGHT of them wait at times.
            int n = Math.min(step, data.length - at);
            if (n == 1) {
                out.write(data[at]);
            } else {
                out.write(data, at, n);
            }
            at += n;
            step = step >= 65_536 ? 1 : step * 3;
        }
        String hex = out.hex();
        out.close();
        assertArrayEquals(data, sink.toByteArray());
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data)), hex);
    }

    @Test
    void nothingWrittenIsTheDigestOfNothing() throws Exception {
        BackgroundDigestOutputStream out = new BackgroundDigestOutputStream(new ByteArrayOutputStream(),
                ModelFile.newSha256());
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", out.hex());
        out.close();
    }
}
