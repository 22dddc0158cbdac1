package dev.syscalllens.junit;

import org.opentest4j.AssertionFailedError;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The syscalls a block made, and the contracts to check on them. Each check sees the syscalls
 * that are not noise ({@link SyscallFilter#jvm()} unless told otherwise), and on failure shows
 * the expected and actual names and every syscall the block made in strace notation.
 */
public final class CapturedSyscalls {
    private final List<Syscall> all;
    private final SyscallFilter noise;

    CapturedSyscalls(List<Syscall> all, SyscallFilter noise) {
        this.all = List.copyOf(all);
        this.noise = noise;
    }

    /** Every syscall the block made, noise included, in order. */
    public List<Syscall> all() {
        return all;
    }

    /** The syscalls the contracts check: {@link #all()} without the noise. */
    public List<Syscall> syscalls() {
        return all.stream().filter(s -> !noise.isNoise(s)).toList();
    }

    /** The same syscalls, with these names left out as noise too. */
    public CapturedSyscalls ignoring(String... names) {
        return new CapturedSyscalls(all, noise.or(SyscallFilter.names(names)));
    }

    /** The same syscalls, with {@code filter} as the noise filter instead of the current one. */
    public CapturedSyscalls withNoise(SyscallFilter filter) {
        return new CapturedSyscalls(all, filter);
    }

    /** The block made exactly these syscalls, in this order. */
    public CapturedSyscalls makesExactly(String... names) {
        List<String> expected = List.of(names);
        List<String> actual = names(syscalls());
        if (!expected.equals(actual)) {
            String diff = String.join("\n", NameDiff.lines(expected, actual));
            throw new AssertionFailedError("syscall contract violated: expected exactly "
                    + (expected.isEmpty() ? "no syscalls" : String.join(", ", expected)) + "\n"
                    + "--- expected\n+++ actual\n" + diff + "\n" + report(),
                    String.join("\n", expected), String.join("\n", actual));
        }
        return this;
    }

    /** The block made no syscall (but noise). */
    public CapturedSyscalls makesNothing() {
        return makesExactly();
    }

    /** The block made at most {@code max} syscalls named {@code name}. */
    public CapturedSyscalls makesAtMost(String name, int max) {
        checkNotNoise(name);
        List<Syscall> made = syscalls().stream().filter(s -> s.name().equals(name)).toList();
        if (made.size() > max) {
            throw violated("expected at most " + max + " " + name + ", made " + made.size(), made);
        }
        return this;
    }

    /** The block made at most {@code max} syscalls in all. */
    public CapturedSyscalls makesAtMost(int max) {
        List<Syscall> made = syscalls();
        if (made.size() > max) {
            throw violated("expected at most " + max + " syscalls, made " + made.size(), made);
        }
        return this;
    }

    /** The block made none of these syscalls. */
    public CapturedSyscalls neverMakes(String... names) {
        Set<String> forbidden = new LinkedHashSet<>(Arrays.asList(names));
        forbidden.forEach(this::checkNotNoise);
        List<Syscall> made = syscalls().stream().filter(s -> forbidden.contains(s.name())).toList();
        if (!made.isEmpty()) {
            throw violated("expected no " + String.join(", ", forbidden) + ", made " + made.size(), made);
        }
        return this;
    }

    private AssertionFailedError violated(String what, List<Syscall> offending) {
        return new AssertionFailedError("syscall contract violated: " + what + ":\n"
                + offending.stream().map(s -> "  " + s.strace()).collect(Collectors.joining("\n")) + "\n" + report());
    }

    /** A contract on a name the filter drops whatever its arguments could never fail. */
    private void checkNotNoise(String name) {
        if (noise.isNoise(new Syscall(name, "", "0", null, "", null))) {
            throw new IllegalArgumentException(name + " is left out as noise, so this contract could never fail;"
                    + " check it with withNoise(...) or jvmNoise = false");
        }
    }

    /** Every syscall the block made, and how many of which were left out as noise. */
    String report() {
        List<Syscall> kept = syscalls();
        StringBuilder sb = new StringBuilder("actual syscalls");
        sb.append(kept.isEmpty() ? ": none\n" : ", in strace notation:\n");
        for (Syscall s : kept) {
            sb.append("  ").append(s.strace()).append('\n');
        }
        Map<String, Integer> left = new TreeMap<>();
        for (Syscall s : all) {
            if (noise.isNoise(s)) {
                left.merge(s.name(), 1, Integer::sum);
            }
        }
        if (!left.isEmpty()) {
            List<String> counts = new ArrayList<>();
            left.forEach((k, v) -> counts.add(k + " " + v));
            sb.append("left out as noise: ").append(String.join(", ", counts)).append('\n');
        }
        return sb.toString().stripTrailing();
    }

    private static List<String> names(List<Syscall> syscalls) {
        return syscalls.stream().map(Syscall::name).toList();
    }
}
