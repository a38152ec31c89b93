package io.lmkit.cli.internal.progress;

import io.lmkit.core.corpus.SentenceReader;
import io.lmkit.core.files.TextFiles;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A {@link SentenceReader} that shows how far through each file it is, on a
 * {@link ProgressDisplay}: the step is named by what the reading is for (e.g. "counting words of")
 * and measured in bytes of the file.
 */
public final class ProgressSentenceReader implements SentenceReader {

    private static final long UPDATE_EVERY_SENTENCES = 1024;

    private final SentenceReader reader;
    private final ProgressDisplay display;
    private final String purpose;

    /**
     * Wraps {@code reader}.
     *
     * @param purpose what the file is read for, e.g. {@code "reading"} or {@code "counting words of"}
     */
    public ProgressSentenceReader(SentenceReader reader, ProgressDisplay display, String purpose) {
        this.reader = reader;
        this.display = display;
        this.purpose = purpose;
    }

    @Override
    public void read(Path file, SentenceConsumer consumer) {
        if (!Files.isRegularFile(file)) {
            reader.read(file, consumer); // the reader's own message names the missing file
            return;
        }
        long size = size(file);
        ProgressTask task = display.start(purpose + " " + file.getFileName(), size, "bytes");
        boolean read = false;
        try {
            long[] bytes = {0};
            long[] sentences = {0};
            reader.read(file, (words, line) -> {
                consumer.accept(words, line);
                // The bytes of the words, their separators and the line end: exact for single-space text,
                // close enough for a bar otherwise.
                for (String w : words) {
                    bytes[0] += utf8Length(w) + 1;
                }
                if (++sentences[0] % UPDATE_EVERY_SENTENCES == 0) {
                    task.update(size > 0 ? Math.min(bytes[0], size) : bytes[0], String.format(java.util.Locale.ROOT, "%,d sentences",
                            sentences[0]));
                }
            });
            task.update(size > 0 ? size : bytes[0], String.format(java.util.Locale.ROOT, "%,d sentences", sentences[0]));
            read = true;
        } finally {
            // A file that failed part way (invalid UTF-8 at some line, a read error) is shown as stopped where it
            // failed, not as read: the error that follows names the line.
            if (read) {
                task.close();
            } else {
                task.stop("stopped");
            }
        }
    }

    /** The UTF-8 length of {@code w}, counted from its chars: encoding every word only to measure it cost seconds' tenths. */
    static int utf8Length(String w) {
        int n = w.length();
        int bytes = n;
        for (int i = 0; i < n; i++) {
            char c = w.charAt(i);
            if (c >= 0x80) {
                // 2 bytes below U+0800, 3 above; a surrogate pair's 4 bytes are 2 for each of its chars.
                bytes += c < 0x800 || Character.isSurrogate(c) ? 1 : 2;
            }
        }
        return bytes;
    }

    /** The text's bytes; 0, unknown, for a compressed file or one that cannot be read: the bar shows bytes read. */
    private static long size(Path file) {
        return TextFiles.textBytes(file);
    }
}
