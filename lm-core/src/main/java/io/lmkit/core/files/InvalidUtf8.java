package io.lmkit.core.files;

/** What reading a text file does with bytes that are not valid UTF-8. */
public enum InvalidUtf8 {
    /** Stop with an error naming the file, the line and the byte offset (the default). */
    FAIL,
    /** Replace each invalid sequence with U+FFFD, the replacement character, and go on. */
    REPLACE
}
