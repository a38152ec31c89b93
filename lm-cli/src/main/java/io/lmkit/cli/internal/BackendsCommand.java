package io.lmkit.cli.internal;

import io.lmkit.neural.backend.BackendProvider;
import io.lmkit.neural.backend.Backends;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.io.PrintWriter;
import java.util.Comparator;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code lmkit backends}: the compute backends, whether each can run here, and which one is the default. */
@Command(name = "backends", mixinStandardHelpOptions = true,
        description = {"List the compute backends of neural models, whether each can run here, and the default.",
            "Choose one with --set backend=NAME or the LMKIT_BACKEND environment variable."})
final class BackendsCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    /** Asked for only when the command runs: discovering the backends looks for native libraries. */
    private final Provider<Backends> registry;

    @Inject
    BackendsCommand(Provider<Backends> registry) {
        this.registry = registry;
    }

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        Backends backends = registry.get();
        String chosen;
        try {
            chosen = backends.choose(Optional.empty()).name();
        } catch (RuntimeException e) {
            chosen = "none (" + e.getMessage() + ")";
        }
        int width = backends.all().stream().mapToInt(p -> p.name().length()).max().orElse(0);
        for (BackendProvider p : backends.all().stream()
                .sorted(Comparator.comparingInt(BackendProvider::rank).reversed()).toList()) {
            out.printf("%-" + width + "s  %s%n", p.name(), p.description());
            out.printf("%-" + width + "s  %s%n", "", p.unavailableReason().map(r -> "unavailable: " + r)
                    .orElse("available (rank " + p.rank() + ")"));
        }
        out.printf("default: %s%n", chosen);
    }
}
