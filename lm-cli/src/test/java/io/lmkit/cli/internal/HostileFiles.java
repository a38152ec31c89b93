package io.lmkit.cli.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Builds hostile files cheaply for the tests: zip entries and gzip files that inflate to gigabytes
 * from a few megabytes (one compressed mebibyte repeated), and model files whose data was changed
 * with its checksum in the manifest (SHA-256, or CRC-32 for a stored table) changed to match (a forgery the
 * checksums cannot catch).
 */
final class HostileFiles {

    private static final int MIB = 1 << 20;

    private HostileFiles() {
    }

    /** The entries of a zip file, in order, with their bytes. */
    static Map<String, byte[]> entries(Path zip) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (ZipFile z = new ZipFile(zip.toFile())) {
            for (ZipEntry e : z.stream().toList()) {
                out.put(e.getName(), z.getInputStream(e).readAllBytes());
            }
        }
        return out;
    }

    /** Copies {@code model} to {@code out} with {@code entry} changed, and the manifest's checksum of it updated. */
    static void forge(Path model, Path out, String entry, UnaryOperator<byte[]> change) throws Exception {
        Map<String, byte[]> entries = entries(model);
        byte[] changed = change.apply(entries.get(entry));
        entries.put(entry, changed);
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(changed));
        String manifest = new String(entries.get("manifest.properties"), StandardCharsets.UTF_8)
                .replaceAll("(?m)^" + java.util.regex.Pattern.quote("sha256." + entry + "=") + ".*$",
                        java.util.regex.Matcher.quoteReplacement("sha256." + entry + "=" + sha));
        CRC32 crc = new CRC32();
        crc.update(changed);
        manifest = manifest.replaceAll("(?m)^" + java.util.regex.Pattern.quote("crc32." + entry + "=") + ".*$",
                java.util.regex.Matcher.quoteReplacement("crc32." + entry + "=" + String.format("%08x", crc.getValue())));
        entries.put("manifest.properties", manifest.getBytes(StandardCharsets.UTF_8));
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(out))) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
    }

    /**
     * Copies {@code model} to {@code out} with {@code entry} replaced by {@code mebibytes} MiB of zero bytes,
     * deflated to about 1 KB a MiB. The archive declares the entry's true size unless {@code declaredSize} is
     * given (≥ 0), so that a reader trusting the archive's directory can be tested too.
     */
    static void zeroBomb(Path model, Path out, String entry, long mebibytes, long declaredSize) throws IOException {
        byte[] segment = fullFlushedZeros();
        byte[] tail = finalBlock();
        CRC32 crc = new CRC32();
        byte[] zeros = new byte[MIB];
        for (long i = 0; i < mebibytes; i++) {
            crc.update(zeros);
        }
        long size = mebibytes * MIB;
        List<ZipRecord> records = new ArrayList<>();
        for (Map.Entry<String, byte[]> e : entries(model).entrySet()) {
            if (e.getKey().equals(entry)) {
                records.add(new ZipRecord(entry, crc.getValue(), segment.length * mebibytes + tail.length,
                        declaredSize >= 0 ? declaredSize : size, o -> {
                            for (long i = 0; i < mebibytes; i++) {
                                o.write(segment);
                            }
                            o.write(tail);
                        }));
            } else {
                records.add(ZipRecord.deflated(e.getKey(), e.getValue()));
            }
        }
        ZipRecord.write(out, records);
    }

    /** A gzip file of one line of {@code mebibytes} MiB of 'a' (concatenated gzip members), no newline. */
    static void gzipOfOneLine(Path out, int mebibytes) throws IOException {
        ByteArrayOutputStream member = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(member)) {
            gz.write("a".repeat(MIB).getBytes(StandardCharsets.US_ASCII));
        }
        try (OutputStream o = Files.newOutputStream(out)) {
            for (int i = 0; i < mebibytes; i++) {
                member.writeTo(o);
            }
        }
    }

    /** One MiB of zeros as raw deflate ending in a full flush: blocks that can be repeated any number of times. */
    private static byte[] fullFlushedZeros() {
        Deflater d = new Deflater(Deflater.BEST_COMPRESSION, true);
        d.setInput(new byte[MIB]);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[1 << 16];
        int n;
        do {
            n = d.deflate(buf, 0, buf.length, Deflater.FULL_FLUSH);
            out.write(buf, 0, n);
        } while (n == buf.length || !d.needsInput());
        d.end();
        return out.toByteArray();
    }

    /** The final (empty) block that ends a raw deflate stream. */
    private static byte[] finalBlock() {
        Deflater d = new Deflater(Deflater.BEST_COMPRESSION, true);
        d.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[64];
        while (!d.finished()) {
            out.write(buf, 0, d.deflate(buf));
        }
        d.end();
        return out.toByteArray();
    }

    /** A zip entry written by hand, so that its deflated data can be repeated blocks and its size can lie. */
    private record ZipRecord(String name, long crc, long compressedSize, long size, Data data) {

        @FunctionalInterface
        interface Data {
            void writeTo(OutputStream out) throws IOException;
        }

        static ZipRecord deflated(String name, byte[] bytes) {
            Deflater d = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
            d.setInput(bytes);
            d.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[1 << 16];
            while (!d.finished()) {
                out.write(buf, 0, d.deflate(buf));
            }
            d.end();
            CRC32 crc = new CRC32();
            crc.update(bytes);
            byte[] data = out.toByteArray();
            return new ZipRecord(name, crc.getValue(), data.length, bytes.length, o -> o.write(data));
        }

        static void write(Path file, List<ZipRecord> records) throws IOException {
            try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
                long offset = 0;
                ByteArrayOutputStream central = new ByteArrayOutputStream();
                for (ZipRecord r : records) {
                    byte[] name = r.name.getBytes(StandardCharsets.UTF_8);
                    ByteBuffer local = header(30 + name.length, 0x04034b50, r, name.length);
                    local.put(name);
                    out.write(local.array());
                    r.data.writeTo(out);
                    ByteBuffer c = ByteBuffer.allocate(46 + name.length).order(ByteOrder.LITTLE_ENDIAN);
                    c.putInt(0x02014b50).putShort((short) 20);
                    c.put(header(30, 0, r, name.length).array(), 4, 26); // the fields shared with the local header
                    c.putShort((short) 0).putShort((short) 0).putShort((short) 0).putInt(0).putInt((int) offset);
                    c.put(name);
                    central.write(c.array());
                    offset += 30 + name.length + r.compressedSize;
                }
                central.writeTo(out);
                ByteBuffer end = ByteBuffer.allocate(22).order(ByteOrder.LITTLE_ENDIAN);
                end.putInt(0x06054b50).putShort((short) 0).putShort((short) 0).putShort((short) records.size())
                        .putShort((short) records.size()).putInt(central.size()).putInt((int) offset).putShort((short) 0);
                out.write(end.array());
            }
        }

        /** Signature, version 20, no flags, deflated, 1980-01-01, CRC-32, sizes, name length, no extra field. */
        private static ByteBuffer header(int capacity, int signature, ZipRecord r, int nameLength) {
            ByteBuffer b = ByteBuffer.allocate(capacity).order(ByteOrder.LITTLE_ENDIAN);
            b.putInt(signature).putShort((short) 20).putShort((short) 0).putShort((short) 8).putShort((short) 0)
                    .putShort((short) 0x21).putInt((int) r.crc).putInt((int) r.compressedSize).putInt((int) r.size)
                    .putShort((short) nameLength).putShort((short) 0);
            return b;
        }
    }
}
