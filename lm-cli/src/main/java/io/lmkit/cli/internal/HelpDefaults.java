package io.lmkit.cli.internal;

import picocli.CommandLine;

/**
 * Makes every command's help show each option's default, set once for the whole command tree so that a
 * new command cannot forget it. Descriptions therefore do not repeat the default; an option whose default
 * reads badly as a value (an empty prompt, no limit) hides it and says it in words.
 */
final class HelpDefaults {

    private HelpDefaults() {
    }

    /** Turns on the defaults in the help of {@code cli} and of all its subcommands, at every depth. */
    static void showEverywhere(CommandLine cli) {
        cli.getCommandSpec().usageMessage().showDefaultValues(true);
        for (CommandLine sub : cli.getSubcommands().values()) {
            showEverywhere(sub);
        }
    }
}
