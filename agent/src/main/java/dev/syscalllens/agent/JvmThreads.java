package dev.syscalllens.agent;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The JVM's own threads that never run application code (GC, JIT compilers, the VM thread, ...),
 * found by the names HotSpot gives them ({@code /proc/self/task/TID/comm}, cut to 15 characters).
 * By default the probe does not trace them: their syscalls are the JVM's business, and every
 * traced syscall stops its thread. Java threads of the JDK (Reference Handler, Finalizer,
 * Common-Cleaner) stay traced: they run cleaners that unmap buffers and close files.
 */
final class JvmThreads {
    private static final List<String> INTERNAL_PREFIXES = List.of(
            "VM Thread", "VM Periodic Tas", "GC Thread#", "G1 ", "C1 CompilerThre", "C2 CompilerThre",
            "Sweeper thread", "Monitor Deflati", "Service Thread", "Notification Th", "Signal Dispatch",
            "Attach Listener", "JFR ", "ZDirector", "ZDriver", "ZWorker", "ZStat", "ZUncommitter",
            "ZUnmapper", "Shenandoah", "Conc#");

    private final Set<Integer> seen = new HashSet<>();

    static boolean isInternal(String comm) {
        for (String p : INTERNAL_PREFIXES) {
            if (comm.startsWith(p)) {
                return true;
            }
        }
        return false;
    }

    /** Internal threads that this scanner has not reported before. */
    List<Integer> newInternalThreads() {
        List<Integer> found = new ArrayList<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
            for (Path task : tasks) {
                int tid;
                try {
                    tid = Integer.parseInt(task.getFileName().toString());
                } catch (NumberFormatException e) {
                    continue;
                }
                if (seen.add(tid)) {
                    try {
                        if (isInternal(Files.readString(task.resolve("comm")).strip())) {
                            found.add(tid);
                        }
                    } catch (IOException gone) {
                        // the thread ended between the listing and the read
                    }
                }
            }
        } catch (IOException e) {
            Log.debug("cannot list /proc/self/task: " + e);
        }
        return found;
    }
}
