package dev.syscalllens.agent.it;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The probe as a command: its lines for hello-file's openat, write and close are strace's lines,
 * to the letter (strace and the probe each run the same program once).
 */
class ProbeStandaloneIT {
    @Test
    void helloFileLinesEqualStraceLines() throws Exception {
        Path dir = Files.createTempDirectory("probe-standalone-it");
        Path target = dir.resolve("test.txt");
        Path probeOut = dir.resolve("probe.txt");
        Path straceOut = dir.resolve("strace.txt");
        List<String> app = Env.demo(Env.Jdk.JDK17, null, "hello-file", target.toString());

        List<String> probe = new ArrayList<>(List.of(Env.PROBE.toAbsolutePath().toString(), "-o", probeOut.toString(), "--"));
        probe.addAll(app);
        Forked.Result p = Forked.run(probe, 120);
        assertEquals(0, p.exit(), p::toString);
        Files.delete(target);
        List<String> strace = new ArrayList<>(List.of(Env.strace(), "-f", "-o", straceOut.toString()));
        strace.addAll(app);
        Forked.Result s = Forked.run(strace, 120);
        assertEquals(0, s.exit(), s::toString);

        // strace pads " = " to column 40 on the resumed half of a call it printed in two pieces; the
        // probe prints whole lines, padded as strace pads a whole line. Compare without the padding.
        assertEquals(unpadded(fileLines(StraceLog.read(straceOut), target)),
                unpadded(fileLines(StraceLog.read(probeOut), target)));
    }

    /**
     * Without the padding, and with the file's fd number as FD: which number the kernel hands out
     * depends on what the JVM's other threads have open at that moment, in either run.
     */
    private static List<String> unpadded(List<String> lines) {
        String fd = lines.get(0).substring(lines.get(0).lastIndexOf("= ") + 2);
        return lines.stream().map(l -> l.replaceAll("\\)\\s+= ", ") = ")
                .replace("(" + fd + ",", "(FD,").replace("(" + fd + ")", "(FD)")
                .replaceAll("= " + fd + "$", "= FD")).toList();
    }

    /** The openat of the file, then the write and close of the fd it returned, on that thread. */
    private static List<String> fileLines(StraceLog log, Path target) {
        List<String> out = new ArrayList<>();
        String fd = null;
        int tid = -1;
        Pattern opened = Pattern.compile("^openat\\(AT_FDCWD, \"" + Pattern.quote(target.toString()) + "\",.*= (\\d+)$");
        for (StraceLog.Line l : log.lines()) {
            Matcher m = opened.matcher(l.text());
            if (fd == null && m.matches()) {
                fd = m.group(1);
                tid = l.tid();
                out.add(l.text());
            } else if (fd != null && l.tid() == tid
                    && (l.text().startsWith("write(" + fd + ",") || l.text().startsWith("close(" + fd + ")"))) {
                out.add(l.text());
                if (l.name().equals("close")) {
                    break;
                }
            }
        }
        assertEquals(3, out.size(), "openat, write and close of " + target + ": " + out);
        return out;
    }
}
