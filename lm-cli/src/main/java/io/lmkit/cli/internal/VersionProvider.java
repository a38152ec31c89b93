package io.lmkit.cli.internal;

import io.lmkit.core.LmkitVersion;
import picocli.CommandLine;

/** Prints the lmkit version for {@code lmkit --version}. */
final class VersionProvider implements CommandLine.IVersionProvider {

    @Override
    public String[] getVersion() {
        return new String[] {"lmkit " + LmkitVersion.get(), "Java " + Runtime.version()};
    }
}
