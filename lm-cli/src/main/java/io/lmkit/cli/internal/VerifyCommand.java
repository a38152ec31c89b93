package io.lmkit.cli.internal;

import io.lmkit.core.io.ModelFile;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code lmkit verify}: checks every entry of a model file against its manifest's checksum (SHA-256; CRC-32
 * for the stored, mapped tables). Loading reads
 * and checks every compressed entry but maps the stored tables of an n-gram model without reading them,
 * so a damaged table is found here (or by wrong scores), not at load.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Check every entry of a model file (n-gram or neural) against the checksum its manifest"
                + " lists (SHA-256; CRC-32 for the mapped n-gram tables), the mapped tables included, which"
                + " loading does not read.",
            "Exit 1 naming the entry when one fails."})
final class VerifyCommand implements Runnable {

    @Parameters(index = "0", paramLabel = "MODEL.zip", description = "The model file to check.")
    private Path model;

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        ModelFile.Verified verified = ModelFile.verify(model);
        PrintWriter out = spec.commandLine().getOut();
        long bytes = 0;
        for (Map.Entry<String, Long> e : verified.entries().entrySet()) {
            out.printf(Locale.ROOT, "ok  %-28s %,15d bytes%n", e.getKey(), e.getValue());
            bytes += e.getValue();
        }
        out.printf(Locale.ROOT, "%s: %d entries, %,d bytes, every checksum matches its manifest%n", model,
                verified.entries().size(), bytes);
    }
}
