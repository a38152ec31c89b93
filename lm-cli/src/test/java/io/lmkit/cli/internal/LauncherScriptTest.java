package io.lmkit.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./lmkit} launcher script, run against a stand-in {@code java} (JAVA_HOME points at a script
 * that behaves like the JVM: it prints the incubator warning first): the warning is dropped from stderr and
 * nothing else is, the real stderr is handed to java as descriptor 3 (lmkit's own messages go there,
 * unfiltered), the exit status is java's, and a SIGTERM sent to lmkit reaches java; the JVM flags for short
 * runs follow the command, and a class-data-sharing archive is recorded once and then used.
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
class LauncherScriptTest {

    private static final String WARNING = "WARNING: Using incubator modules: jdk.incubator.vector";

    @TempDir
    Path dir;

    private Path launcher;

    @BeforeEach
    void installTheScriptBesideAFakeJarAndAFakeJava() throws IOException {
        launcher = dir.resolve("lmkit");
        Files.copy(Path.of("..", "lmkit"), launcher, StandardCopyOption.COPY_ATTRIBUTES);
        Files.createDirectories(dir.resolve("lm-cli/target"));
        Files.writeString(dir.resolve("lm-cli/target/lm-cli.jar"), "");
        Path java = Files.createDirectories(dir.resolve("jdk/bin")).resolve("java");
        Files.writeString(java, """
                #!/usr/bin/env bash
                echo '%s' >&2
                if [[ "$6" == -XX:ArchiveClassesAtExit=* ]]; then
                  # The class-data-sharing run: records an archive only when the test asks for one.
                  [[ "${FAKE_CDS:-}" == 1 && "$9" == io.lmkit.cli.internal.CdsWorkload ]] || exit 1
                  echo archive > "${6#*=}"
                  exit 0
                fi
                # [--add-modules jdk.incubator.vector] -Djava.awt.headless=true -Dlmkit.home=...
                # --add-opens java.base/java.io=ALL-UNNAMED -Dlmkit.stderrFd=3; the modules go to modules.txt
                modules=none
                if [[ "$1" == --add-modules ]]; then modules="$2"; shift 2; fi
                echo "$modules" > "$(dirname "$0")/../../modules.txt"
                [[ "$3 $4 $5" == "--add-opens java.base/java.io=ALL-UNNAMED -Dlmkit.stderrFd=3" ]] || exit 99
                shift 5
                echo "args: $*"
                if [[ "$*" == *" wait" ]]; then
                  trap 'echo "stopping after SIGTERM" >&2; exit 143' TERM
                  echo ready
                  while :; do sleep 0.05; done
                fi
                echo 'lmkit: said on the real stderr' >&3
                echo 'lmkit: a failure' >&2
                echo '%s' >&2
                printf '%%s\\r' 'progress 50%%' >&2
                exit 3
                """.formatted(WARNING, WARNING));
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private ProcessBuilder lmkit(String... args) {
        String[] command = new String[args.length + 2];
        command[0] = "bash";
        command[1] = launcher.toString();
        System.arraycopy(args, 0, command, 2, args.length);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("JAVA_HOME", dir.resolve("jdk").toString());
        builder.environment().remove("LMKIT_JAVA_OPTS");
        return builder;
    }

    @Test
    void theJvmsIncubatorWarningIsDroppedAndTheRestOfStderrAndTheExitStatusKept() throws Exception {
        // The filter is a process of its own that may write after java has exited, and a Process's pipe keeps
        // only what it held when the process exited: stderr goes to a file, read once the filter is done.
        Path errFile = dir.resolve("filtered-stderr.txt");
        Process p = lmkit("eval", "two words").redirectError(errFile.toFile()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(3, p.waitFor(), "java's exit status");
        String err = Files.readString(errFile);
        for (int i = 0; i < 200 && !err.endsWith("\r"); i++) {
            Thread.sleep(50);
            err = Files.readString(errFile);
        }
        assertEquals("args: -XX:+UseSerialGC -Xmn16m -jar " + dir.resolve("lm-cli/target/lm-cli.jar")
                + " eval two words\n", out);
        // Descriptor 3 is the real stderr, not filtered; the two streams may interleave in either order.
        String direct = "lmkit: said on the real stderr\n";
        assertTrue(err.contains(direct), err);
        assertEquals("lmkit: a failure\n" + WARNING + "\nprogress 50%\r", err.replaceFirst(direct, ""),
                "only the JVM's own first line goes; a later line and a line without an end pass unchanged");
    }

    @Test
    void sigtermSentToLmkitReachesJavaAndWhatJavaPrintsThenGetsThrough() throws Exception {
        Process p = lmkit("train", "wait").start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        assertTrue(out.readLine().startsWith("args: "));
        assertEquals("ready", out.readLine());
        p.toHandle().destroy(); // SIGTERM to lmkit's process id, which exec made java's; the streams stay open
        // Read to the end before waiting: once java exits, Process keeps only what the pipe held at that moment.
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(143, p.waitFor());
        assertEquals("stopping after SIGTERM\n", err);
    }

    /** What the launcher hands java before {@code -jar}, for {@code args}, with LMKIT_JAVA_OPTS set to {@code opts}. */
    private String jvmFlags(String opts, String... args) throws Exception {
        return jvmFlagsWhereHugePages(opts, "always [madvise] never", args);
    }

    /** The machine's memory in MB, as the launcher is told it (LMKIT_RAM_MB): the JVM's default heap is a quarter. */
    private String ramMb = "4096";

    /** The JVM flags the launcher gives, on a kernel whose transparent huge pages are set as {@code thp} says. */
    private String jvmFlagsWhereHugePages(String opts, String thp, String... args) throws Exception {
        ProcessBuilder builder = lmkit(args);
        if (opts != null) {
            builder.environment().put("LMKIT_JAVA_OPTS", opts);
        }
        builder.environment().put("LMKIT_THP_SETTING", Files.writeString(dir.resolve("thp-enabled"), thp + "\n")
                .toString());
        builder.environment().put("LMKIT_RAM_MB", ramMb);
        Process p = builder.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.getErrorStream().readAllBytes();
        p.waitFor();
        assertTrue(out.startsWith("args: ") && out.contains("-jar "), out);
        return out.substring("args: ".length(), out.indexOf("-jar ")).trim();
    }

    @Test
    void shortRunFlagsFollowTheCommandAndTheModelFamily() throws Exception {
        Path text = Files.writeString(dir.resolve("train.txt"), "a small text\n");
        assertEquals("-XX:+UseSerialGC -Xmn16m", jvmFlags(null, "score", "--model", "m.zip"));
        assertEquals("-XX:+UseSerialGC -XX:PretenureSizeThreshold=256k -XX:TieredStopAtLevel=1",
                jvmFlags(null, "train", "--model", "modified-kneser-ney", "--train", text.toString()));
        assertEquals("-XX:+UseSerialGC -XX:PretenureSizeThreshold=256k -XX:TieredStopAtLevel=1",
                jvmFlags(null, "--quiet", "train", "--model=kneser-ney", "--train=" + text));
        assertEquals("none", Files.readString(dir.resolve("modules.txt")).trim(), "n-gram estimation needs no Vector API");
        assertEquals("-XX:+UseSerialGC -XX:PretenureSizeThreshold=256k -Xmn64m -Xmx1408m -XX:MinHeapFreeRatio=10"
                        + " -XX:+UseTransparentHugePages -XX:TieredStopAtLevel=1",
                jvmFlags(null, "train", "--model", "modified-kneser-ney", "--set", "memory=1g", "--train", text.toString()),
                "estimation in bounded memory: a heap of memory=, an eighth and 256 MB that grows with what is live, a"
                        + " small young generation, the old one gets the rest, and the heap asks for huge pages where"
                        + " the kernel gives them on request");
        assertEquals("-XX:+UseSerialGC -XX:PretenureSizeThreshold=256k -Xmn64m -XX:MinHeapFreeRatio=10"
                        + " -XX:+UseTransparentHugePages -XX:TieredStopAtLevel=1",
                jvmFlags(null, "train", "--set=memory=64m", "--model=kneser-ney", "--train=" + text),
                "the default heap of a 4 GB machine (1 GB) holds memory=64m: no -Xmx");
        for (String thp : new String[] {"[always] madvise never", "always madvise [never]"}) {
            assertEquals("-XX:+UseSerialGC -XX:PretenureSizeThreshold=256k -Xmn64m -Xmx1408m -XX:MinHeapFreeRatio=10"
                            + " -XX:TieredStopAtLevel=1",
                    jvmFlagsWhereHugePages(null, thp, "train", "--model", "modified-kneser-ney", "--set", "memory=1g", "--train",
                            text.toString()), "no huge pages asked for where the kernel's setting is " + thp);
        }
        assertEquals("-XX:+UseSerialGC -XX:PretenureSizeThreshold=256k -Xmn64m -Xmx1408m -XX:MinHeapFreeRatio=10"
                        + " -XX:TieredStopAtLevel=1",
                jvmFlags("-XX:-UseTransparentHugePages", "train", "--model", "modified-kneser-ney", "--set",
                        "memory=1g", "--train", text.toString()).replace(" -XX:-UseTransparentHugePages", ""),
                "huge pages named in LMKIT_JAVA_OPTS win");
        assertEquals("-XX:+UseSerialGC -XX:PretenureSizeThreshold=256k -XX:TieredStopAtLevel=1",
                jvmFlags(null, "train", "--model", "modified-kneser-ney", "--set", "memory=", "--train", text.toString()),
                "an empty memory= is in-memory estimation");
        Path compressed = dir.resolve("train.txt.gz");
        try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(compressed))) {
            out.write("a small text\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        assertEquals("-XX:+UseSerialGC -XX:PretenureSizeThreshold=256k",
                jvmFlags(null, "train", "--model", "modified-kneser-ney", "--train", compressed.toString()),
                "a compressed text's size on disk says nothing of its text's: no client-compiler-only run");
        assertEquals("", jvmFlags(null, "train", "--model", "lstm", "--train", text.toString()),
                "neural training keeps the JVM's defaults (the simd backend needs C2)");
        assertEquals("jdk.incubator.vector", Files.readString(dir.resolve("modules.txt")).trim());
        assertEquals("", jvmFlags(null, "compare", "--data", "d"));
    }

    @Test
    void boundedMemoryEstimationGetsAHeapSizedFromMemoryUnlessLmkitJavaOptsSizesIt() throws Exception {
        Path text = Files.writeString(dir.resolve("train.txt"), "a small text\n");
        String thp = "always madvise [never]";
        java.util.function.BiFunction<String, String, String> flags = (opts, memory) -> {
            try {
                return jvmFlagsWhereHugePages(opts, thp, "train", "--model", "modified-kneser-ney", "--set", "memory="
                        + memory, "--train", text.toString());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
        String before = "-XX:+UseSerialGC -XX:PretenureSizeThreshold=256k -Xmn64m";
        String after = " -XX:TieredStopAtLevel=1";
        assertEquals(before + " -Xmx2560m -XX:MinHeapFreeRatio=10" + after, flags.apply(null, "2g"),
                "2048 MB, an eighth more (256) and 256, more than a 4 GB machine's default heap (1 GB)");
        assertEquals(before + " -XX:MinHeapFreeRatio=10" + after, flags.apply(null, "4g"),
                "4864 MB is more than the 4 GB machine has: the estimation says so, where the kernel would kill it");
        ramMb = "16384";
        assertEquals(before + " -Xmx4864m -XX:MinHeapFreeRatio=10" + after, flags.apply(null, "4g"));
        assertEquals(before + " -Xmx9472m -XX:MinHeapFreeRatio=10" + after, flags.apply(null, "8G"));
        ramMb = "4096";
        assertEquals(before + " -Xmx1408m -XX:MinHeapFreeRatio=10" + after, flags.apply(null, "1024mb"));
        assertEquals(before + " -Xmx1408m -XX:MinHeapFreeRatio=10" + after, flags.apply(null, "1073741824"));
        assertEquals(before + " -Xmx2560m -XX:MinHeapFreeRatio=10" + after, flags.apply(null, "2097152k"));
        assertEquals(before + " -XX:MinHeapFreeRatio=10" + after, flags.apply(null, "680m"),
                "680 + 85 + 256 = 1021 MB: within the default heap of a 4 GB machine");
        assertEquals(before + " -Xmx1043m -XX:MinHeapFreeRatio=10" + after, flags.apply(null, "700m"),
                "700 + 87 + 256 = 1043 MB: more than it");
        ramMb = "32768";
        assertEquals(before + " -XX:MinHeapFreeRatio=10" + after, flags.apply(null, "4g"),
                "a 32 GB machine's default heap (8 GB) holds memory=4g: it stays, for the corpus's reading");
        assertEquals(before + " -Xmx9472m -XX:MinHeapFreeRatio=10" + after, flags.apply(null, "8g"));
        assertEquals(before + " -XX:MinHeapFreeRatio=10" + after, flags.apply(null, "32g"),
                "no heap beyond the machine's memory: the estimation says memory= is more than the machine has");
        ramMb = "4096";
        assertEquals(before + " -XX:MinHeapFreeRatio=10" + after, flags.apply(null, "1.5g"),
                "a size the launcher cannot read gets no heap size: the estimation names the bad setting");
        assertEquals(before + " -XX:MinHeapFreeRatio=10" + after, flags.apply(null, "99999999999999t"),
                "nor does one too large to compute");
        assertEquals(before + " -XX:MinHeapFreeRatio=10" + after + " -Xmx6g", flags.apply("-Xmx6g", "4g"),
                "a heap size in LMKIT_JAVA_OPTS wins");
        assertEquals(before + " -XX:MinHeapFreeRatio=10" + after + " -XX:MaxRAMPercentage=50",
                flags.apply("-XX:MaxRAMPercentage=50", "4g"));
        assertEquals(before + " -Xmx2560m" + after + " -XX:MinHeapFreeRatio=40", flags.apply("-XX:MinHeapFreeRatio=40",
                "2g"), "and so does the collector's free ratio");
        assertEquals("-Xmx2560m -XX:TieredStopAtLevel=1 -XX:+UseG1GC", flags.apply("-XX:+UseG1GC", "2g"), "another collector takes the serial collector's settings with it,"
                        + " not the heap's size");
    }

    @Test
    void scoringWithAnNgramModelFileGetsASmallYoungGenerationAndTheClientCompiler() throws Exception {
        Path ngram = zip("kn5.zip", "vocab.txt", "data/ngram.bin", "data/ngram/unigrams.bin", "data/ngram/order-2.bin",
                "manifest.properties");
        Path neural = zip("lstm.zip", "vocab.txt", "data/lstm.bin", "manifest.properties");
        Path mixture = zip("mix.zip", "vocab.txt", "models/0/data/ngram.bin", "models/0/data/ngram/unigrams.bin",
                "models/1/data/transformer.bin", "manifest.properties");
        String ngramFlags = "-XX:+UseSerialGC -Xmn4m -XX:TieredStopAtLevel=1";
        assertEquals(ngramFlags, jvmFlags(null, "eval", "--model", ngram.toString(), "--test", "t.txt"));
        assertEquals("none", Files.readString(dir.resolve("modules.txt")).trim(),
                "n-gram scoring needs no Vector API, so the JVM can map its archived module graph");
        assertEquals(ngramFlags, jvmFlags(null, "score", "--model=" + ngram));
        assertEquals("-XX:+UseSerialGC -Xmn16m", jvmFlags(null, "eval", "--model", neural.toString()),
                "a neural model keeps C2 (the simd backend needs it) and the larger young generation");
        assertEquals("jdk.incubator.vector", Files.readString(dir.resolve("modules.txt")).trim(),
                "and the Vector API");
        assertEquals("-XX:+UseSerialGC -Xmn16m", jvmFlags(null, "score", "--model", mixture.toString()),
                "a mixture with a neural part is scored like a neural model");
        assertEquals("-XX:+UseSerialGC -Xmn16m", jvmFlags(null, "eval", "--model", dir.resolve("missing.zip").toString()));
        assertEquals("-XX:+UseSerialGC -Xmn16m", jvmFlags(null, "ngram", "stats", ngram.toString()));
        assertEquals("-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xmn32m",
                jvmFlags("-Xmn32m", "eval", "--model", ngram.toString()), "LMKIT_JAVA_OPTS still wins");
    }

    /** A zip with the named entries, each holding a few bytes. */
    private Path zip(String name, String... entries) throws IOException {
        Path file = dir.resolve(name);
        try (java.util.zip.ZipOutputStream out = new java.util.zip.ZipOutputStream(Files.newOutputStream(file))) {
            for (String entry : entries) {
                out.putNextEntry(new java.util.zip.ZipEntry(entry));
                out.write(new byte[] {1, 2, 3});
                out.closeEntry();
            }
        }
        return file;
    }

    @Test
    void flagsNamedInLmkitJavaOptsWinOverTheLaunchersChoice() throws Exception {
        assertEquals("-XX:+UseParallelGC", jvmFlags("-XX:+UseParallelGC", "eval", "--model", "m.zip"),
                "the young generation's size goes with the serial collector");
        assertEquals("-XX:+UseSerialGC -Xmn64m", jvmFlags("-Xmn64m", "eval", "--model", "m.zip"));
        Path text = Files.writeString(dir.resolve("train.txt"), "a small text\n");
        assertEquals("-XX:+UseSerialGC -XX:PretenureSizeThreshold=256k -XX:TieredStopAtLevel=4",
                jvmFlags("-XX:TieredStopAtLevel=4", "train", "--model", "mle", "--train", text.toString()));
        assertEquals("-XX:TieredStopAtLevel=1 -XX:+UseParallelGC",
                jvmFlags("-XX:+UseParallelGC", "train", "--model", "mle", "--train", text.toString()),
                "another collector takes the serial collector's settings with it");
    }

    @Test
    void theClassDataArchiveIsRecordedOnceThenUsedAndItsAbsenceIsSilent() throws Exception {
        Path archive = dir.resolve("lm-cli/target/lmkit.jsa");
        assertEquals("-XX:+UseSerialGC", jvmFlags(null, "models"), "no archive could be recorded: none is used");
        assertTrue(Files.notExists(archive));
        ProcessBuilder builder = lmkit("models");
        builder.environment().put("FAKE_CDS", "1");
        Process p = builder.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        assertEquals("archive\n", Files.readString(archive));
        assertTrue(out.startsWith("args: -XX:SharedArchiveFile=" + archive + " -Xshare:auto -Xlog:cds=off "
                + "-Xlog:cds+dynamic=off -XX:+UnlockDiagnosticVMOptions -XX:ArchiveRelocationMode=0 -XX:+UseSerialGC"
                + " -jar "), out);
        assertTrue(jvmFlags(null, "models").startsWith("-XX:SharedArchiveFile="), "the archive is kept and reused");
        ProcessBuilder off = lmkit("models");
        off.environment().put("LMKIT_CDS", "0");
        Process q = off.start();
        String without = new String(q.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        q.waitFor();
        assertTrue(without.startsWith("args: -XX:+UseSerialGC -jar "), "LMKIT_CDS=0 turns it off: " + without);
    }
}
