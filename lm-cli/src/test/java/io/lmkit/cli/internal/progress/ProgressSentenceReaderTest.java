package io.lmkit.cli.internal.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProgressSentenceReaderTest {

    @Test
    void theBytesABarCountsAreTheWordsUtf8Lengths() {
        for (String w : new String[] {"", "the", "café", "naïve-über", "Ωμέγα", "日本語", "\uD83D\uDE00", "a\uD83D\uDE00b€"}) {
            assertEquals(w.getBytes(StandardCharsets.UTF_8).length, ProgressSentenceReader.utf8Length(w), w);
        }
    }
}
