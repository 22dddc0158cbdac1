package dev.syscalllens.agent.report;

import dev.syscalllens.agent.probe.SyscallRecord;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ApiSummaryTest {
    private static SyscallRecord sys(String name, long at) {
        return new SyscallRecord(1, 0, 0, new long[6], at, at + 10, name, "", "0", 0);
    }

    private static List<SyscallRecord> seq(String... names) {
        List<SyscallRecord> l = new ArrayList<>();
        for (String n : names) {
            l.add(sys(n, l.size() * 100L));
        }
        return l;
    }

    @Test
    void sequenceFoldsRunsOfThreeOrMore() {
        assertEquals("openat+fstat+read+read+close", ApiStats.sequence(seq("openat", "fstat", "read", "read", "close")));
        assertEquals("openat+read×4+close", ApiStats.sequence(seq("openat", "read", "read", "read", "read", "close")));
    }

    @Test
    void amplificationFirstThenFewestBytesPerSyscall() {
        ApiStats readAll = new ApiStats("Files.readAllBytes");
        readAll.add(1000, 12, false, 3, seq("openat", "fstat", "read", "read", "close"));
        ApiStats small = new ApiStats("FileOutputStream.write");
        ApiStats big = new ApiStats("FileChannel.write");
        for (int i = 0; i < 1000; i++) {
            small.add(100, 1, false, 0, seq("write"));
            big.add(100, 4096, false, 0, seq("write"));
        }
        ApiStats close = new ApiStats("FileChannel.close");
        close.add(100, -1, false, 0, seq("close"));
        List<ApiStats> rows = new ArrayList<>(List.of(close, big, small, readAll));
        rows.sort(ApiSummary.ORDER);
        assertEquals(List.of("Files.readAllBytes", "FileOutputStream.write", "FileChannel.write", "FileChannel.close"),
                rows.stream().map(s -> s.api).toList());
        assertEquals("openat+fstat+read+read+close", ApiSummary.mix(readAll));
        assertEquals("write 100%", ApiSummary.mix(small));
        assertEquals(2.4, readAll.bytesPerSyscall());
        assertEquals(0.05, readAll.kernelShare(), 1e-9);
    }

    @Test
    void percentNeverRoundsToAllOrNothing() {
        assertEquals(">99.9%", ApiSummary.percent(0.99999));
        assertEquals("<0.1%", ApiSummary.percent(0.00001));
        assertEquals("99.7%", ApiSummary.percent(0.997));
        assertEquals("42%", ApiSummary.percent(0.42));
        assertEquals("3.5%", ApiSummary.percent(0.035));
    }
}
