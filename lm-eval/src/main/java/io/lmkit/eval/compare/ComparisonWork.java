package io.lmkit.eval.compare;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.lmkit.core.LmkitException;
import io.lmkit.core.files.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The work folder of a resumable comparison: one sub-folder per iterative (neural) entry holding
 * what identifies the entry ({@code entry.json}: its label, plugin, settings, seed and data
 * fingerprints), its training checkpoint, its learning curve so far ({@code curve.json}), and once it has finished its model file and result
 * ({@code model.lmkit}, {@code result.json}, written in that order, each atomically, so a
 * {@code result.json} on disk always has its model beside it).
 *
 * <p>A fresh comparison empties the folder first; a resumed one reuses finished entries, resumes
 * the interrupted one from its checkpoint, and refuses an entry whose settings or data changed.
 */
public final class ComparisonWork {

    static final String ENTRY = "entry.json";
    static final String CHECKPOINT = "checkpoint.ckpt";
    static final String MODEL = "model.lmkit";
    static final String RESULT = "result.json";
    static final String CURVE = "curve.json";
    /** Every file name this class writes in an entry folder (and the atomic writes' temporary files). */
    private static final Set<String> OURS = Set.of(ENTRY, CHECKPOINT, MODEL, RESULT, CURVE);

    private final Path folder;
    private final boolean resuming;

    private ComparisonWork(Path folder, boolean resuming) {
        this.folder = folder;
        this.resuming = resuming;
    }

    /**
     * A work folder for a new comparison: what an earlier run left in {@code folder} is deleted (only
     * the files a comparison writes there; anything else makes this refuse).
     */
    public static ComparisonWork fresh(Path folder) {
        clear(folder);
        return new ComparisonWork(folder, false);
    }

    /**
     * The work folder of an interrupted comparison, to continue it.
     *
     * @throws LmkitException when {@code folder} does not exist
     */
    public static ComparisonWork resume(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new LmkitException("--resume: there is no interrupted comparison to continue: its work folder "
                    + folder + " does not exist; run without --resume to start one");
        }
        return new ComparisonWork(folder, true);
    }

    /** The folder itself. */
    public Path folder() {
        return folder;
    }

    /** Deletes the folder and what a comparison wrote in it, once the report is written. */
    public void delete() {
        clear(folder);
        try {
            Files.deleteIfExists(folder);
        } catch (IOException e) {
            throw new LmkitException("cannot delete the comparison work folder " + folder + ": " + e.getMessage(), e);
        }
    }

    /**
     * What identifies an entry's training: a resumed run must agree on all of it.
     *
     * @param data the fingerprints of the training, validation and test data, by split name
     */
    record Identity(String label, String model, Map<String, String> settings, long seed, Map<String, String> data) {
    }

    /** A finished entry's measurements, as the report needs them. */
    record Finished(ComparisonRow row, LearningCurve curve, double[] testSentenceLnProbs) {
    }

    /**
     * The folder of one entry, created with its identity on first use.
     *
     * @throws LmkitException when resuming and the entry's settings, seed or data differ from the
     *                        run that wrote the folder, naming the entry and what changed
     */
    Path entry(Identity identity) {
        Path dir = folder.resolve(folderName(identity.label()));
        Path file = dir.resolve(ENTRY);
        if (resuming && Files.isRegularFile(file)) {
            Identity before = read(file, Identity.class);
            List<String> changes = changes(before, identity);
            if (!changes.isEmpty()) {
                throw new LmkitException("--resume: model '" + identity.label() + "' is not the one the interrupted"
                        + " comparison trained: " + String.join("; ", changes) + ". Restore the config, or run"
                        + " without --resume to start afresh");
            }
            return dir;
        }
        write(file, identity);
        return dir;
    }

    /** The finished result of the entry in {@code dir}, if an earlier run finished it. */
    java.util.Optional<Finished> finished(Path dir) {
        Path file = dir.resolve(RESULT);
        return resuming && Files.isRegularFile(file) ? java.util.Optional.of(read(file, Finished.class))
                : java.util.Optional.empty();
    }

    /** Records that the entry in {@code dir} has finished (its model file is already written). */
    void finish(Path dir, Finished result) {
        write(dir.resolve(RESULT), result);
    }

    /**
     * Where the model of the entry labelled {@code label} that trains in one pass (an n-gram model) is
     * kept for the report's {@code models/} until the report is written: its entry folder, created
     * without an identity, as such an entry is trained again by a resumed run.
     */
    Path oneShotModel(String label) {
        Path dir = folder.resolve(folderName(label));
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new LmkitException("cannot create the comparison work folder " + dir + ": " + e.getMessage(), e);
        }
        return dir.resolve(MODEL);
    }

    /** The validation passes an interrupted run recorded for the entry in {@code dir} (none in a fresh run). */
    List<LearningCurve.Point> curveSoFar(Path dir) {
        Path file = dir.resolve(CURVE);
        return resuming && Files.isRegularFile(file) ? read(file, LearningCurve.class).points() : List.of();
    }

    /** Records the validation passes so far of the entry in {@code dir}, for a run that resumes it. */
    void saveCurve(Path dir, LearningCurve curve) {
        write(dir.resolve(CURVE), curve);
    }

    private static List<String> changes(Identity before, Identity now) {
        List<String> out = new ArrayList<>();
        if (!before.model().equals(now.model())) {
            out.add("model " + before.model() + " is now " + now.model());
        }
        Set<String> keys = new TreeSet<>(before.settings().keySet());
        keys.addAll(now.settings().keySet());
        for (String k : keys) {
            String a = before.settings().get(k);
            String b = now.settings().get(k);
            if (!Objects.equals(a, b)) {
                out.add("setting " + k + " was " + (a == null ? "unset" : a) + ", now " + (b == null ? "unset" : b));
            }
        }
        if (before.seed() != now.seed()) {
            out.add("seed was " + before.seed() + ", now " + now.seed());
        }
        for (String split : new TreeSet<>(now.data().keySet())) {
            if (!Objects.equals(before.data().get(split), now.data().get(split))) {
                out.add("the " + split + " data changed (fingerprint " + shortly(before.data().get(split)) + " is now "
                        + shortly(now.data().get(split)) + ")");
            }
        }
        return out;
    }

    private static String shortly(String fingerprint) {
        return fingerprint == null ? "none" : fingerprint.substring(0, Math.min(12, fingerprint.length()));
    }

    /** A file-system-safe folder name that still reads as the label, made unique by a hash of the label. */
    static String folderName(String label) {
        String safe = label.replaceAll("[^A-Za-z0-9._-]", "_");
        try {
            byte[] sha = MessageDigest.getInstance("SHA-256").digest(label.getBytes(StandardCharsets.UTF_8));
            return (safe.length() > 40 ? safe.substring(0, 40) : safe) + "-" + HexFormat.of().formatHex(sha, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** Deletes what a comparison wrote in {@code folder}; refuses to delete anything else. */
    private static void clear(Path folder) {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> entries = Files.list(folder)) {
            for (Path entry : entries.toList()) {
                if (!Files.isDirectory(entry)) {
                    throw foreign(folder, entry);
                }
                try (Stream<Path> files = Files.list(entry)) {
                    for (Path f : files.toList()) {
                        String name = f.getFileName().toString();
                        if (!OURS.contains(name) && !(name.startsWith(".") && name.endsWith(".tmp"))) {
                            throw foreign(folder, f);
                        }
                        Files.delete(f);
                    }
                }
                Files.delete(entry);
            }
        } catch (IOException e) {
            throw new LmkitException("cannot clear the comparison work folder " + folder + ": " + e.getMessage(), e);
        }
    }

    private static LmkitException foreign(Path folder, Path file) {
        return new LmkitException("the comparison work folder " + folder + " holds " + file + ", which a comparison"
                + " did not write; move it away (the work folder is lmkit's own) or choose another --out");
    }

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private static void write(Path file, Object value) {
        byte[] bytes;
        try {
            bytes = JSON.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + file + " as JSON", e);
        }
        AtomicFiles.write(file, o -> o.write(bytes));
    }

    private static <T> T read(Path file, Class<T> type) {
        try {
            return JSON.readValue(file.toFile(), type);
        } catch (IOException e) {
            throw new LmkitException("cannot read " + file + " of the interrupted comparison (" + e.getMessage()
                    + "); run without --resume to start afresh", e);
        }
    }
}
