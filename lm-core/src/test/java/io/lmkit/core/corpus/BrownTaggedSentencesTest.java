package io.lmkit.core.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lmkit.core.LmkitException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BrownTaggedSentencesTest {

    @Test
    void theWordIsEverythingBeforeTheLastSlash(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("ca01"), "\n\n\tThe/at Fulton/np-tl jury/nn said/vbd ./.\n\n\n"
                + "\tIt/pps cost/vbd 1/2/cd of/in $1,000/nns ''/'' and/cc/x ./.\n");
        List<List<String>> sentences = new ArrayList<>();
        List<Long> lines = new ArrayList<>();
        new BrownTaggedSentences().read(file, (words, line) -> {
            sentences.add(words);
            lines.add(line);
        });
        assertEquals(List.of(List.of("The", "Fulton", "jury", "said", "."),
                List.of("It", "cost", "1/2", "of", "$1,000", "''", "and/cc", ".")), sentences);
        assertEquals(List.of(3L, 6L), lines);
    }

    @Test
    void aTokenWithoutATagIsAnErrorNamingFileLineAndToken(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("ca02"), "a/at b/nn\nplain words here\n");
        String m = assertThrows(LmkitException.class, () -> new BrownTaggedSentences().read(file, (w, l) -> { }))
                .getMessage();
        assertTrue(m.startsWith(file + ":2: token 'plain'"), m);
    }
}
