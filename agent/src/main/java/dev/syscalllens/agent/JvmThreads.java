package dev.syscalllens.agent;

import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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

    /**
     * Internal threads that this scanner has not reported before. With java.io, not NIO's
     * directory stream and readString: this runs at start-up, mostly interpreted, where those
     * took 3-8 ms for some 20 threads.
     */
    List<Integer> newInternalThreads() {
        List<Integer> found = new ArrayList<>();
        String[] tasks = new File("/proc/self/task").list();
        if (tasks == null) {
            Log.debug("cannot list /proc/self/task");
            return found;
        }
        byte[] comm = new byte[32]; // 15 characters and a newline
        for (String task : tasks) {
            int tid;
            try {
                tid = Integer.parseInt(task);
            } catch (NumberFormatException e) {
                continue;
            }
            if (seen.add(tid)) {
                try (FileInputStream in = new FileInputStream("/proc/self/task/" + task + "/comm")) {
                    int n = in.readNBytes(comm, 0, comm.length);
                    if (isInternal(new String(comm, 0, n, StandardCharsets.ISO_8859_1).strip())) {
                        found.add(tid);
                    }
                } catch (IOException gone) {
                    // the thread ended between the listing and the read
                }
            }
        }
        return found;
    }
}
