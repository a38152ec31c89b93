package io.lmkit.core.testkit;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;

/**
 * Finds dependency cycles between the packages of one module's compiled classes, so that a module's test can
 * keep its packages layered: {@code assertEquals(List.of(), PackageCycles.of(SomeMainClass.class))}. The
 * package graph is read from the class files' constant pools by the JDK's {@code jdeps} (module
 * {@code jdk.jdeps}), so it sees every reference the compiler kept, imports or not; Javadoc-only references are
 * not dependencies.
 */
public final class PackageCycles {

    /** A jdeps -verbose:package line: an indented source package, an arrow, the target package, where found. */
    private static final Pattern EDGE = Pattern.compile("^\\s+(\\S+)\\s+->\\s+(\\S+)\\s+.*$");

    private PackageCycles() {
    }

    /**
     * The package cycles among the {@code io.lmkit} packages of the classes folder (or jar) that holds {@code
     * anyMainClass}, each as {@code a -> b -> a}; empty when the packages are layered.
     */
    public static List<String> of(Class<?> anyMainClass) {
        return cycles(graph(classesOf(anyMainClass)));
    }

    /** The dependencies between the {@code io.lmkit} packages of the classes in {@code classes}, by jdeps. */
    public static Map<String, Set<String>> graph(Path classes) {
        ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow(() -> new IllegalStateException(
                "the jdeps tool (module jdk.jdeps) is missing; run the tests on a full JDK 17 or later"));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = jdeps.run(new PrintWriter(out), new PrintWriter(err), "-verbose:package", "-e", "io\\.lmkit\\..*",
                classes.toString());
        if (status != 0) {
            throw new IllegalStateException("jdeps failed on " + classes + " (status " + status + "): " + err);
        }
        Map<String, Set<String>> edges = new TreeMap<>();
        for (String line : out.toString().split("\\R")) {
            Matcher m = EDGE.matcher(line);
            if (m.matches()) {
                edges.computeIfAbsent(m.group(1), k -> new TreeSet<>()).add(m.group(2));
            }
        }
        return edges;
    }

    /**
     * One cycle, as {@code a -> b -> a}, for each strongly connected group of two or more packages in {@code
     * edges} (package to the packages it uses), in sorted order; a package using itself is not a cycle.
     */
    public static List<String> cycles(Map<String, Set<String>> edges) {
        List<String> found = new ArrayList<>();
        for (Set<String> group : new Tarjan(edges).groups) {
            if (group.size() > 1) {
                String start = group.iterator().next();
                found.add(String.join(" -> ", pathBack(start, group, edges)));
            }
        }
        Collections.sort(found);
        return found;
    }

    /** The shortest path from {@code start} back to itself inside {@code group}, start repeated at the end. */
    private static List<String> pathBack(String start, Set<String> group, Map<String, Set<String>> edges) {
        Map<String, String> cameFrom = new HashMap<>();
        Deque<String> queue = new ArrayDeque<>(List.of(start));
        while (!queue.isEmpty()) {
            String at = queue.removeFirst();
            for (String next : edges.getOrDefault(at, Set.of())) {
                if (next.equals(start)) {
                    List<String> path = new ArrayList<>(List.of(start));
                    for (String p = at; !p.equals(start); p = cameFrom.get(p)) {
                        path.add(1, p);
                    }
                    path.add(start);
                    return path;
                }
                if (group.contains(next) && !cameFrom.containsKey(next)) {
                    cameFrom.put(next, at);
                    queue.addLast(next);
                }
            }
        }
        throw new IllegalStateException("no way back to " + start + " in its own group " + group);
    }

    /** The classes folder (or jar) that {@code type} was loaded from. */
    public static Path classesOf(Class<?> type) {
        try {
            return Path.of(Optional.ofNullable(type.getProtectionDomain().getCodeSource())
                    .orElseThrow(() -> new IllegalStateException(type + " has no code source")).getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the classes of " + type, e);
        }
    }

    /** Tarjan's strongly connected components (the groups of packages that all reach each other). */
    private static final class Tarjan {
        private final Map<String, Set<String>> edges;
        private final Map<String, Integer> index = new HashMap<>();
        private final Map<String, Integer> low = new HashMap<>();
        private final Deque<String> stack = new ArrayDeque<>();
        private final Set<String> onStack = new TreeSet<>();
        private final List<Set<String>> groups = new ArrayList<>();

        Tarjan(Map<String, Set<String>> edges) {
            this.edges = edges;
            for (String node : new TreeSet<>(edges.keySet())) {
                if (!index.containsKey(node)) {
                    visit(node);
                }
            }
        }

        private void visit(String node) {
            index.put(node, index.size());
            low.put(node, index.get(node));
            stack.push(node);
            onStack.add(node);
            for (String next : edges.getOrDefault(node, Set.of())) {
                if (!index.containsKey(next)) {
                    visit(next);
                    low.put(node, Math.min(low.get(node), low.get(next)));
                } else if (onStack.contains(next)) {
                    low.put(node, Math.min(low.get(node), index.get(next)));
                }
            }
            if (low.get(node).equals(index.get(node))) {
                Set<String> group = new TreeSet<>();
                String member;
                do {
                    member = stack.pop();
                    onStack.remove(member);
                    group.add(member);
                } while (!member.equals(node));
                groups.add(group);
            }
        }
    }
}
