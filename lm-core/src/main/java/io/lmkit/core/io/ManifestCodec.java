package io.lmkit.core.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The text form of a {@link ModelManifest}: Java properties, UTF-8, keys sorted, so that a
 * manifest can be read with {@code unzip -p model.zip manifest.properties}.
 */
final class ManifestCodec {

    private static final String FORMAT = "lmkit-model";
    private static final String CONFIG = "config.";
    private static final String CHECKSUM = "sha256.";
    private static final String CRC32_KEY = "crc32.";
    /**
     * How a checksum map holds an entry listed by its CRC-32 ({@code crc32.NAME=8 hex digits} in the manifest, the
     * stored, mapped entries) rather than its SHA-256 ({@code sha256.NAME=64 hex digits}, every other entry).
     */
    static final String CRC32_VALUE = "crc32:";

    private ManifestCodec() {
    }

    static byte[] encode(ModelManifest m, Map<String, String> checksums) {
        Map<String, String> p = new TreeMap<>();
        p.put("format", FORMAT);
        p.put("formatVersion", Integer.toString(m.formatVersion()));
        p.put("model", m.model());
        p.put("seed", Long.toString(m.seed()));
        p.put("tokenizer", m.tokenizer());
        p.put("dataFingerprint", m.dataFingerprint());
        p.put("lmkitVersion", m.lmkitVersion());
        p.put("created", m.created().toString());
        m.config().forEach((k, v) -> p.put(CONFIG + k, v));
        checksums.forEach((k, v) -> {
            if (v.startsWith(CRC32_VALUE)) {
                p.put(CRC32_KEY + k, v.substring(CRC32_VALUE.length()));
            } else {
                p.put(CHECKSUM + k, v);
            }
        });
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            Writer w = new OutputStreamWriter(bytes, StandardCharsets.UTF_8);
            w.write("# lmkit model manifest\n");
            for (Map.Entry<String, String> e : p.entrySet()) {
                w.write(escape(e.getKey()) + "=" + escape(e.getValue()) + "\n");
            }
            w.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String escape(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            switch (c) {
                case '\\', '=', ':', '#', '!' -> b.append('\\').append(c);
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    static ModelManifest decode(Path file, ZipFile zip) throws IOException {
        return decode(file, zip, "");
    }

    /**
     * Reads the manifest of the model stored under {@code prefix} ({@code ""} for the file itself, {@code data/NAME/}
     * for a model file embedded in it: see {@link EmbeddedModels}).
     */
    static ModelManifest decode(Path file, ZipFile zip, String prefix) throws IOException {
        String at = label(file, prefix);
        Properties p = properties(file, zip, prefix);
        String format = p.getProperty("format");
        if (!FORMAT.equals(format)) {
            throw new ModelFileException(at + " is a zip archive but not an lmkit model file (its manifest"
                    + " says format '" + format + "')");
        }
        int version = integer(at, p, "formatVersion");
        if (version > ModelFile.FORMAT_VERSION) {
            throw new ModelFileException(at + " uses model-file format version " + version + " (written by lmkit "
                    + p.getProperty("lmkitVersion") + "); this lmkit reads versions up to " + ModelFile.FORMAT_VERSION
                    + ". Upgrade lmkit to load it");
        }
        if (version < 1) {
            throw new ModelFileException(at + ": invalid model-file format version " + version);
        }
        Map<String, String> config = new LinkedHashMap<>();
        for (Map.Entry<Object, Object> e : new TreeMap<>(p).entrySet()) {
            String key = (String) e.getKey();
            if (key.startsWith(CONFIG)) {
                config.put(key.substring(CONFIG.length()), (String) e.getValue());
            }
        }
        try {
            return new ModelManifest(version, required(at, p, "model"), config,
                    Long.parseLong(required(at, p, "seed")), required(at, p, "tokenizer"),
                    required(at, p, "dataFingerprint"), required(at, p, "lmkitVersion"),
                    instant(required(at, p, "created")));
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new ModelFileException(at + ": manifest has an invalid value (" + e.getMessage()
                    + "); the file is corrupt", e);
        }
    }

    static Map<String, String> checksums(Path file, ZipFile zip) throws IOException {
        return checksums(file, zip, "");
    }

    /** A CRC-32 as a checksum map holds it: {@value #CRC32_VALUE} and 8 lower-case hex digits. */
    static String crc32(long value) {
        return CRC32_VALUE + java.util.HexFormat.of().toHexDigits((int) value);
    }

    /**
     * The checksum list of the model under {@code prefix}, by entry name relative to it: SHA-256s in hex, and
     * CRC-32s as {@link #crc32} writes them.
     */
    static Map<String, String> checksums(Path file, ZipFile zip, String prefix) throws IOException {
        String at = label(file, prefix);
        Map<String, String> out = new TreeMap<>();
        for (Map.Entry<Object, Object> e : properties(file, zip, prefix).entrySet()) {
            String key = (String) e.getKey();
            if (key.startsWith(CHECKSUM)) {
                out.put(key.substring(CHECKSUM.length()), (String) e.getValue());
            } else if (key.startsWith(CRC32_KEY)) {
                out.put(key.substring(CRC32_KEY.length()), CRC32_VALUE + e.getValue());
            }
        }
        if (!out.containsKey(ModelFile.VOCABULARY)) {
            throw new ModelFileException(at + ": manifest lists no checksum for " + ModelFile.VOCABULARY
                    + "; the file is corrupt or was not written by lmkit");
        }
        return out;
    }

    /** How messages name the model under {@code prefix}: the file, or the embedded model in it. */
    static String label(Path file, String prefix) {
        return prefix.isEmpty() ? file.toString()
                : file + " (its embedded model " + prefix.substring(0, prefix.length() - 1) + ")";
    }

    private static Properties properties(Path file, ZipFile zip, String prefix) throws IOException {
        String at = label(file, prefix);
        ZipEntry entry = zip.getEntry(prefix + ModelFile.MANIFEST);
        if (entry == null) {
            throw new ModelFileException(at + " is a zip archive but not an lmkit model file: it has no "
                    + ModelFile.MANIFEST);
        }
        Properties p = new Properties();
        try (InputStream in = zip.getInputStream(entry)) {
            byte[] bytes = EntryReading.readAll(file, entry, in, ModelFile.MAX_MANIFEST_BYTES);
            // The manifest holds the other entries' SHA-256s but none of its own; the zip's CRC-32 of it
            // catches a flipped bit in the manifest itself (ZipFile does not check CRCs on reading).
            java.util.zip.CRC32 crc = new java.util.zip.CRC32();
            crc.update(bytes);
            if (entry.getCrc() != -1 && crc.getValue() != entry.getCrc()) {
                throw new ModelFileException(at + ": the manifest is corrupt (CRC-32 " + Long.toHexString(
                        crc.getValue()) + ", the archive says " + Long.toHexString(entry.getCrc()) + "); restore the"
                        + " file from a backup or re-create it with 'lmkit train'");
            }
            p.load(new InputStreamReader(new java.io.ByteArrayInputStream(bytes), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException | java.util.zip.ZipException e) {
            throw new ModelFileException(at + ": the manifest is corrupt (" + e.getMessage() + ")", e);
        }
        return p;
    }

    /**
     * Parses the {@code created} time, {@code Instant.toString()}'s {@code 2026-11-29T18:25:37.123456Z}, by hand:
     * {@link Instant#parse} sets up date formatters and locale data, tens of milliseconds of a model's load in a
     * fresh JVM. Anything else falls back to {@link Instant#parse}.
     */
    static Instant instant(String text) {
        int n = text.length();
        boolean simple = n >= 20 && n <= 30 && text.charAt(4) == '-' && text.charAt(7) == '-'
                && text.charAt(10) == 'T' && text.charAt(13) == ':' && text.charAt(16) == ':'
                && text.charAt(n - 1) == 'Z' && (n == 20 || n > 21 && text.charAt(19) == '.');
        if (!simple) {
            return Instant.parse(text);
        }
        try {
            int nanos = 0;
            for (int i = 20; i < 29; i++) {
                char c = i < n - 1 ? text.charAt(i) : '0';
                if (c < '0' || c > '9') {
                    return Instant.parse(text);
                }
                nanos = nanos * 10 + (c - '0');
            }
            return java.time.LocalDateTime.of(digits(text, 0, 4), digits(text, 5, 7), digits(text, 8, 10),
                    digits(text, 11, 13), digits(text, 14, 16), digits(text, 17, 19), nanos)
                    .toInstant(java.time.ZoneOffset.UTC);
        } catch (NumberFormatException | java.time.DateTimeException e) {
            return Instant.parse(text);
        }
    }

    private static int digits(String text, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                throw new NumberFormatException(text);
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static String required(String at, Properties p, String key) {
        String v = p.getProperty(key);
        if (v == null) {
            throw new ModelFileException(at + ": manifest lacks '" + key + "'; the file is corrupt or was not"
                    + " written by lmkit");
        }
        return v;
    }

    private static int integer(String at, Properties p, String key) {
        try {
            return Integer.parseInt(required(at, p, key));
        } catch (NumberFormatException e) {
            throw new ModelFileException(at + ": manifest '" + key + "' (the model-file format version) is not a"
                    + " number: '" + p.getProperty(key) + "'; the file is corrupt or not an lmkit model file", e);
        }
    }
}
