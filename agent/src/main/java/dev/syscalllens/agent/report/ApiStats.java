package dev.syscalllens.agent.report;

import dev.syscalllens.agent.probe.SyscallRecord;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every call of one Java API, summed: one row of the summary by Java API. A call's syscalls are
 * its own and those of the calls nested in it (Files.readAllBytes counts the read of its nested
 * FileChannel.read), so that the row says what one call of the API cost the kernel. Memory is
 * bounded: counters, one count per syscall name, and at most {@link #MAX_SEQUENCES} sequences.
 */
final class ApiStats {
    /** Distinct syscall sequences remembered per API; calls with any other sequence are counted together. */
    static final int MAX_SEQUENCES = 32;
    /** Names kept in a sequence (after folding runs: {@code read×3}); longer ones end in "+…". */
    static final int SEQUENCE_LENGTH = 12;

    final String api;
    long calls;
    long syscalls;
    long maxSyscalls;
    long nestedCalls;
    long callNs;
    long kernelNs;
    /** Calls that reported bytes moved (read and write calls), their bytes and their syscalls. */
    long callsWithBytes;
    long bytes;
    long syscallsOfCallsWithBytes;
    long threw;
    long failedSyscalls;
    final Map<String, Long> byName = new HashMap<>();
    final Map<String, Long> errnos = new HashMap<>();
    final Map<String, Long> sequences = new HashMap<>();
    /** Calls whose sequence was not remembered (more than MAX_SEQUENCES distinct ones). */
    long otherSequences;

    ApiStats(String api) {
        this.api = api;
    }

    /** One call: {@code syscalls} are all it made, nested calls' included, in time order. */
    void add(long durationNs, long ioBytes, boolean threw, int nested, List<SyscallRecord> syscalls) {
        calls++;
        nestedCalls += nested;
        callNs += durationNs;
        int n = syscalls.size();
        this.syscalls += n;
        maxSyscalls = Math.max(maxSyscalls, n);
        if (ioBytes >= 0) {
            callsWithBytes++;
            bytes += ioBytes;
            syscallsOfCallsWithBytes += n;
        }
        if (threw) {
            this.threw++;
        }
        for (SyscallRecord s : syscalls) {
            kernelNs += s.exitNs() - s.enterNs();
            byName.merge(s.name(), 1L, Long::sum);
            if (s.failed()) {
                failedSyscalls++;
                String errno = s.errnoName();
                errnos.merge(errno == null ? "?" : errno, 1L, Long::sum);
            }
        }
        if (n > 0) {
            String seq = sequence(syscalls);
            if (sequences.size() < MAX_SEQUENCES || sequences.containsKey(seq)) {
                sequences.merge(seq, 1L, Long::sum);
            } else {
                otherSequences++;
            }
        }
    }

    /** "openat+fstat+read×3+close": names in order, runs of three or more folded. */
    static String sequence(List<SyscallRecord> syscalls) {
        StringBuilder sb = new StringBuilder();
        int tokens = 0;
        for (int i = 0; i < syscalls.size(); ) {
            String name = syscalls.get(i).name();
            int run = 1;
            while (i + run < syscalls.size() && syscalls.get(i + run).name().equals(name)) {
                run++;
            }
            int shown = run >= 3 ? 1 : run;
            for (int k = 0; k < shown; k++) {
                if (tokens == SEQUENCE_LENGTH) {
                    return sb.append("+…").toString();
                }
                if (tokens++ > 0) {
                    sb.append('+');
                }
                sb.append(name);
                if (run >= 3) {
                    sb.append('×').append(run);
                }
            }
            i += run;
        }
        return sb.toString();
    }

    double syscallsPerCall() {
        return calls == 0 ? 0 : (double) syscalls / calls;
    }

    /** Bytes per call of the calls that reported bytes; -1 when none did. */
    double bytesPerCall() {
        return callsWithBytes == 0 ? -1 : (double) bytes / callsWithBytes;
    }

    /** Bytes over the syscalls of the calls that moved them; -1 when none did or they made no syscall. */
    double bytesPerSyscall() {
        return callsWithBytes == 0 || syscallsOfCallsWithBytes == 0 ? -1 : (double) bytes / syscallsOfCallsWithBytes;
    }

    /** The share of the calls' time spent inside their syscalls, 0 to 1. */
    double kernelShare() {
        return callNs <= 0 ? 0 : Math.min(1.0, (double) kernelNs / callNs);
    }

    /** The sequence most calls made and how many made it, or null when no call made a syscall. */
    Map.Entry<String, Long> usualSequence() {
        return sequences.entrySet().stream()
                .max(Map.Entry.<String, Long>comparingByValue().thenComparing(Map.Entry.comparingByKey(
                        java.util.Comparator.reverseOrder())))
                .orElse(null);
    }
}
