package io.lmkit.neural.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lmkit.core.LmkitException;
import io.lmkit.core.train.TrainingListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A truncated or corrupted checkpoint is an {@link LmkitException} naming the file (never garbage
 * parameters, another exception or a huge allocation): the gzip CRC-32 is checked by reading to the end.
 */
class CheckpointFuzzTest {

    @Test
    void truncatedAndCorruptCheckpointsAreRefusedByName(@TempDir Path dir) throws Exception {
        Path good = dir.resolve("good.ckpt");
        TrainingLoop.run(new TrainingLoopTest.Line(), TrainingLoopTest.options(2, Optional.of(good), false),
                TrainingListener.NONE);
        byte[] original = Files.readAllBytes(good);
        Checkpoint expected = Checkpoint.read(good);
        SplittableRandom random = new SplittableRandom(8);
        Path bad = dir.resolve("bad.ckpt");
        int refused = 0;
        for (int i = 0; i < 1500; i++) {
            byte[] content = i < original.length ? Arrays.copyOf(original, i) : original.clone();
            if (i >= original.length) {
                content[random.nextInt(content.length)] ^= (byte) (1 << random.nextInt(8));
            }
            Files.write(bad, content);
            Object outcome = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
                try {
                    return Checkpoint.read(bad);
                } catch (Throwable t) {
                    return t;
                }
            });
            if (outcome instanceof LmkitException e) {
                assertTrue(e.getMessage().contains(bad.toString()), e.getMessage());
                refused++;
            } else if (outcome instanceof Throwable t) {
                throw new AssertionError("case " + i + ": " + t, t);
            } else {
                // Only a flip in bytes gzip ignores (header time or OS) may leave the checkpoint readable, and then unchanged.
                Checkpoint c = (Checkpoint) outcome;
                assertEquals(expected.step(), c.step(), "case " + i);
                assertArrayEquals(expected.parameters().get("w"), c.parameters().get("w"), 0.0, "case " + i);
            }
        }
        assertTrue(refused > 1000, "refused " + refused);
    }
}
