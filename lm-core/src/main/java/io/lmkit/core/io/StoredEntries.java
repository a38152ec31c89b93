package io.lmkit.core.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Where the bytes of each uncompressed (stored) entry of a zip file lie, so that they can be mapped:
 * {@link java.util.zip.ZipFile} reads the archive's central directory but does not say where an entry's
 * data starts. This reads the end record (ZIP64 too), walks the central directory, and for an entry
 * asked for reads its local header, whose name and extra field come before the data. Every offset is
 * checked against the file's length, so a forged directory gives an error, never a mapping outside the file.
 */
final class StoredEntries {

    private static final int END = 0x06054b50;
    private static final int END64_LOCATOR = 0x07064b50;
    private static final int END64 = 0x06064b50;
    private static final int CENTRAL = 0x02014b50;
    private static final int LOCAL = 0x04034b50;
    private static final int STORED = 0;
    private static final long MAGIC32 = 0xFFFFFFFFL;

    /** One stored entry: its data's offset in the file and its length. */
    record Region(long offset, long length) {
    }

    private record Central(int method, long size, long compressedSize, long localHeader) {
    }

    private final Path file;
    private final FileChannel channel;
    private final long fileLength;
    private final Map<String, Central> entries = new HashMap<>();

    private StoredEntries(Path file, FileChannel channel) throws IOException {
        this.file = file;
        this.channel = channel;
        this.fileLength = channel.size();
    }

    /** Reads the central directory of {@code file}, open as {@code channel}. */
    static StoredEntries read(Path file, FileChannel channel) throws IOException {
        StoredEntries s = new StoredEntries(file, channel);
        s.readDirectory();
        return s;
    }

    private ModelFileException corrupt(String what) {
        return new ModelFileException(file + ": the zip directory is corrupt (" + what + "); restore the file from a"
                + " backup or re-create it");
    }

    private ByteBuffer bytes(long at, int n) throws IOException {
        if (at < 0 || n < 0 || at > fileLength - n) {
            throw corrupt("a record at byte " + at + " lies outside the file of " + fileLength + " bytes");
        }
        ByteBuffer b = ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
        while (b.hasRemaining()) {
            if (channel.read(b, at + b.position()) < 0) {
                throw corrupt("the file ends at byte " + (at + b.position()));
            }
        }
        return b.flip();
    }

    private void readDirectory() throws IOException {
        int tail = (int) Math.min(fileLength, 22 + 0xFFFF);
        ByteBuffer t = bytes(fileLength - tail, tail);
        int end = -1;
        for (int i = tail - 22; i >= 0; i--) {
            if (t.getInt(i) == END) {
                end = i;
                break;
            }
        }
        if (end < 0) {
            throw corrupt("no end-of-directory record");
        }
        long count = Short.toUnsignedInt(t.getShort(end + 10));
        long dirSize = Integer.toUnsignedLong(t.getInt(end + 12));
        long dirOffset = Integer.toUnsignedLong(t.getInt(end + 16));
        if ((count == 0xFFFF || dirSize == MAGIC32 || dirOffset == MAGIC32) && end >= 20
                && t.getInt(end - 20) == END64_LOCATOR) {
            ByteBuffer e64 = bytes(t.getLong(end - 20 + 8), 56);
            if (e64.getInt(0) != END64) {
                throw corrupt("the ZIP64 end record is missing");
            }
            count = e64.getLong(32);
            dirSize = e64.getLong(40);
            dirOffset = e64.getLong(48);
        }
        if (dirSize > Integer.MAX_VALUE - 8 || count > dirSize / 46) {
            throw corrupt("a directory of " + count + " entries in " + dirSize + " bytes");
        }
        ByteBuffer d = bytes(dirOffset, (int) dirSize);
        int at = 0;
        for (long i = 0; i < count; i++) {
            if (at > d.limit() - 46 || d.getInt(at) != CENTRAL) {
                throw corrupt("directory record " + i + " is not where the directory says");
            }
            int nameLength = Short.toUnsignedInt(d.getShort(at + 28));
            int extraLength = Short.toUnsignedInt(d.getShort(at + 30));
            int commentLength = Short.toUnsignedInt(d.getShort(at + 32));
            if (at + 46 + nameLength + extraLength > d.limit()) {
                throw corrupt("directory record " + i + " runs past the directory");
            }
            byte[] name = new byte[nameLength];
            d.get(at + 46, name);
            long compressed = Integer.toUnsignedLong(d.getInt(at + 20));
            long size = Integer.toUnsignedLong(d.getInt(at + 24));
            long local = Integer.toUnsignedLong(d.getInt(at + 42));
            long[] wide = zip64(d, at + 46 + nameLength, extraLength, size == MAGIC32, compressed == MAGIC32,
                    local == MAGIC32);
            entries.put(new String(name, StandardCharsets.UTF_8), new Central(Short.toUnsignedInt(d.getShort(at + 10)),
                    wide[0] >= 0 ? wide[0] : size, wide[1] >= 0 ? wide[1] : compressed, wide[2] >= 0 ? wide[2] : local));
            at += 46 + nameLength + extraLength + commentLength;
        }
    }

    /** The ZIP64 extra field's size, compressed size and local header offset, each -1 where not present. */
    private static long[] zip64(ByteBuffer d, int from, int length, boolean size, boolean compressed, boolean local) {
        long[] out = {-1, -1, -1};
        for (int at = from; at + 4 <= from + length; ) {
            int id = Short.toUnsignedInt(d.getShort(at));
            int n = Short.toUnsignedInt(d.getShort(at + 2));
            if (id == 1) {
                int p = at + 4;
                boolean[] present = {size, compressed, local};
                for (int k = 0; k < 3; k++) {
                    if (present[k] && p + 8 <= at + 4 + n) {
                        out[k] = d.getLong(p);
                        p += 8;
                    }
                }
            }
            at += 4 + n;
        }
        return out;
    }

    /** Whether {@code name} is in the archive and stored uncompressed. */
    boolean isStored(String name) {
        Central c = entries.get(name);
        return c != null && c.method() == STORED;
    }

    /**
     * The bytes of the stored entry {@code name}, checked: the local header names the same entry, the data
     * lies inside the file, and starts at a multiple of {@code alignment}.
     */
    Region region(String name, int alignment) throws IOException {
        Central c = entries.get(name);
        if (c == null || c.method() != STORED || c.size() != c.compressedSize()) {
            throw new IllegalArgumentException(name + " is not a stored entry");
        }
        ByteBuffer h = bytes(c.localHeader(), 30);
        if (h.getInt(0) != LOCAL) {
            throw corrupt("entry '" + name + "' has no local header at byte " + c.localHeader());
        }
        int nameLength = Short.toUnsignedInt(h.getShort(26));
        int extraLength = Short.toUnsignedInt(h.getShort(28));
        byte[] local = new byte[nameLength];
        bytes(c.localHeader() + 30, nameLength).get(local);
        if (!new String(local, StandardCharsets.UTF_8).equals(name)) {
            throw corrupt("the local header at byte " + c.localHeader() + " names another entry than '" + name + "'");
        }
        long offset = c.localHeader() + 30 + nameLength + extraLength;
        if (c.size() > fileLength - offset) {
            throw new ModelFileException(file + ": entry '" + name + "' claims " + c.size() + " bytes from byte offset "
                    + offset + ", past the end of the file (" + fileLength + " bytes); the file is truncated or"
                    + " corrupt. Restore it from a backup or re-create it");
        }
        if (offset % alignment != 0) {
            throw new ModelFileException(file + ": entry '" + name + "' starts at byte offset " + offset
                    + ", not a multiple of " + alignment + " as lmkit writes it, so it cannot be mapped; the file was"
                    + " rewritten by another program. Re-create it with lmkit (e.g. 'lmkit ngram convert')");
        }
        return new Region(offset, c.size());
    }
}
