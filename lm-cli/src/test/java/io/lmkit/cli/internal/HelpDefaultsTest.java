package io.lmkit.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lmkit.cli.internal.CliTest.Run;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Every command's help shows the default of every option that has one: the command tree is walked, so
 * a new command or option is checked without being listed here.
 */
class HelpDefaultsTest {

    @Test
    void everyOptionWithADefaultShowsItInItsCommandsHelp() {
        List<String> checked = new ArrayList<>();
        for (CommandSpec command : commands(tree())) {
            String name = command.qualifiedName(" ").replaceFirst("^lmkit ?", "");
            List<String> args = new ArrayList<>(name.isEmpty() ? List.of() : List.of(name.split(" ")));
            args.add("--help");
            Run help = CliTest.lmkit(args.toArray(String[]::new));
            assertEquals(0, help.exitCode(), help.err());
            for (OptionSpec option : command.options()) {
                if (option.usageHelp() || option.versionHelp() || option.defaultValue() == null || isBoolean(option)) {
                    continue;
                }
                String text = optionText(help.out(), option.longestName());
                String shown = option.showDefaultValue() == Visibility.NEVER ? "(default: "
                        : "Default: " + option.defaultValue().replace("${sys:user.home}", System.getProperty("user.home"));
                assertTrue(text.contains(shown), "lmkit " + name + " " + option.longestName() + " shows '" + shown
                        + "': " + text);
                checked.add(name + " " + option.longestName());
            }
            assertFalse(help.out().contains("Default: []") || help.out().contains("Default: null")
                    || help.out().matches("(?s).*Default:\\s*\\n.*"), "lmkit " + name + " shows an empty default: "
                    + help.out());
        }
        assertTrue(checked.containsAll(List.of("generate --seed", "generate --samples", "generate --top-k",
                "repl --top", "predict --top", "data split --max-vocab")), "the options of issue 14 were checked: "
                + checked);
    }

    private static CommandLine tree() {
        CliEnvironment environment = new CliEnvironment(InputStream.nullInputStream(), false, Map.of());
        // The tree Main runs, injected the same way (commands take their backends and plugins from Guice).
        return CommandTree.commandLine(HelpDefaultsTest.class.getClassLoader(), environment, warning -> { });
    }

    private static List<CommandSpec> commands(CommandLine cli) {
        List<CommandSpec> all = new ArrayList<>(List.of(cli.getCommandSpec()));
        cli.getSubcommands().values().forEach(sub -> all.addAll(commands(sub)));
        return all;
    }

    private static boolean isBoolean(OptionSpec option) {
        return option.type() == boolean.class || option.type() == Boolean.class;
    }

    /** The lines of the help that describe {@code name}: its line and the indented ones after it. */
    private static String optionText(String help, String name) {
        List<String> lines = help.lines().toList();
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).matches("\\s*(-\\w, )?" + java.util.regex.Pattern.quote(name) + "([=\\[ ].*|$)")) {
                text.append(lines.get(i)).append('\n');
                for (int j = i + 1; j < lines.size() && lines.get(j).startsWith("                  ")
                        && !lines.get(j).trim().startsWith("-"); j++) {
                    text.append(lines.get(j)).append('\n');
                }
                return text.toString();
            }
        }
        return "(no " + name + " in the help)";
    }
}
