package dev.syscalllens.agent.otel;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Buffers cut as strace -s N prints them; everything that is not data stays whole. */
class PayloadsTest {
    @Test
    void aWrittenBufferShowsNoBytesByDefault() {
        assertEquals("8</tmp/x>, \"\"..., 12", Payloads.limit("write", "8</tmp/x>, \"hello world\\n\", 12", 0));
        assertEquals("8</tmp/x>, \"hello\"..., 12", Payloads.limit("write", "8</tmp/x>, \"hello world\\n\", 12", 5));
        assertEquals("8</tmp/x>, \"hello world\\n\", 12", Payloads.limit("write", "8</tmp/x>, \"hello world\\n\", 12", 12));
        assertEquals("8</tmp/x>, \"hello world\\n\", 12", Payloads.limit("write", "8</tmp/x>, \"hello world\\n\", 12", 32));
    }

    @Test
    void anEscapeIsOneByteAndACutStringKeepsItsMark() {
        String read = "3</usr/lib/modules>, \"\\312\\376\\272\\276abc\"..., 1161, 11081107";
        assertEquals("3</usr/lib/modules>, \"\\312\\376\"..., 1161, 11081107", Payloads.limit("pread64", read, 2));
        assertEquals(read, Payloads.limit("pread64", read, 32));
        assertEquals("1, \"\", 0", Payloads.limit("write", "1, \"\", 0", 0));
    }

    @Test
    void everyIovecIsCutAndAnAddressIsNot() {
        assertEquals("4, [{iov_base=\"\"..., iov_len=5}, {iov_base=\"\"..., iov_len=5}], 2",
                Payloads.limit("writev", "4, [{iov_base=\"hello\", iov_len=5}, {iov_base=\"world\", iov_len=5}], 2", 0));
        assertEquals("5, \"\"..., 2, 0, {sa_family=AF_UNIX, sun_path=\"/tmp/s\"}, 9",
                Payloads.limit("sendto", "5, \"hi\", 2, 0, {sa_family=AF_UNIX, sun_path=\"/tmp/s\"}, 9", 0));
        assertEquals("\"\"..., 16, 0", Payloads.limit("getrandom", "\"\\x01\\x02\", 16, 0", 0));
    }

    @Test
    void pathsAndOtherSyscallsAreNotPayload() {
        String open = "AT_FDCWD</w>, \"/tmp/secret-name.txt\", O_RDONLY";
        assertEquals(open, Payloads.limit("openat", open, 0));
        assertEquals("3, NULL, 12", Payloads.limit("write", "3, NULL, 12", 0));
    }
}
