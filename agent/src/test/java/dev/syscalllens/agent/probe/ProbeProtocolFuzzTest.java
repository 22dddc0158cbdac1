package dev.syscalllens.agent.probe;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A truncated or corrupt record stream from the probe: the Java decoder throws an IOException
 * (the reader thread then says "the probe's record stream broke" once, and the application runs
 * on) or a RuntimeException it catches the same way; never an Error, never a hang, never a
 * buffer larger than one record. Seeds are fixed: a failure reproduces.
 */
class ProbeProtocolFuzzTest {
    private static final int ROUNDS = 20_000;

    /** Feeds a stream to the record reader until it ends: only IOExceptions may come out. */
    private static int readAll(byte[] stream) {
        byte[] buf = new byte[ProbeProtocol.MAX_RECORD];
        int records = 0;
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(stream))) {
            while (true) {
                ByteBuffer b = ProbeClient.readRecord(in, buf);
                int type = b.getInt();
                b.getInt();
                decode(type, b);
                records++;
            }
        } catch (IOException expected) {
            return records;
        } catch (RuntimeException caughtByTheReader) {
            return records;
        }
    }

    private static void decode(int type, ByteBuffer b) {
        switch (type) {
            case ProbeProtocol.REC_SYSCALL -> ProbeProtocol.readSyscall(b);
            case ProbeProtocol.REC_HELLO -> ProbeProtocol.Hello.read(b);
            case ProbeProtocol.REC_HEARTBEAT -> ProbeProtocol.Heartbeat.read(b);
            case ProbeProtocol.REC_ERROR -> ProbeProtocol.Error.read(b);
            case ProbeProtocol.REC_DROPPED -> ProbeProtocol.Dropped.read(b);
            case ProbeProtocol.REC_THREAD -> ProbeProtocol.ThreadEvent.read(b);
            case ProbeProtocol.REC_BYE -> ProbeProtocol.Bye.read(b);
            default -> {
            }
        }
    }

    private static void rounds(long seed, Consumer<Random> round) {
        Random r = new Random(seed);
        for (int i = 0; i < ROUNDS; i++) {
            try {
                round.accept(r);
            } catch (Error e) {
                fail("round " + i + " of seed " + seed + ": " + e, e);
            }
        }
    }

    /** A well-formed syscall record: header, fixed part, four texts, padded to 8. */
    private static byte[] syscallRecord(Random r) {
        String[] texts = {"write", "8</tmp/x>, \"hello\", 5", "5", "/tmp/x"};
        int body = 96;
        for (String t : texts) {
            body += t.length();
        }
        int size = (ProbeProtocol.HEADER_SIZE + body + 7) & ~7;
        ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.nativeOrder());
        b.putInt(ProbeProtocol.REC_SYSCALL).putInt(size);
        b.putInt(1234).putInt(1).putLong(5);
        for (int i = 0; i < 6; i++) {
            b.putLong(r.nextLong());
        }
        b.putLong(100).putLong(200);
        for (int i = 0; i < 3; i++) {
            b.putShort((short) texts[i].length());
        }
        b.putShort((short) 0).putInt(8).putShort((short) texts[3].length()).putShort((short) 0);
        for (String t : texts) {
            b.put(t.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        }
        return b.array();
    }

    @Test
    void aWellFormedRecordDecodes() throws IOException {
        byte[] rec = syscallRecord(new Random(1));
        assertEquals(1, readAll(rec));
        SyscallRecord s = ProbeProtocol.readSyscall(ByteBuffer.wrap(rec, 8, rec.length - 8).slice().order(ByteOrder.nativeOrder()));
        assertEquals("write", s.name());
        assertEquals("/tmp/x", s.fdTarget());
    }

    @Test
    void randomBytesEndInAnIoException() {
        rounds(7, r -> {
            byte[] junk = new byte[r.nextInt(4096)];
            r.nextBytes(junk);
            readAll(junk);
        });
    }

    @Test
    void aRecordCutAnywhereIsAnEndOfStream() {
        rounds(11, r -> {
            byte[] rec = syscallRecord(r);
            byte[] cut = java.util.Arrays.copyOf(rec, r.nextInt(rec.length));
            assertEquals(0, readAll(cut));
        });
        assertThrows(EOFException.class, () -> ProbeClient.readRecord(
                new DataInputStream(new ByteArrayInputStream(new byte[5])), new byte[ProbeProtocol.MAX_RECORD]));
    }

    @Test
    void flippedBytesInValidRecordsAreCaught() {
        rounds(13, r -> {
            byte[] rec = syscallRecord(r);
            for (int k = 0, n = 1 + r.nextInt(8); k < n; k++) {
                rec[r.nextInt(rec.length)] = (byte) r.nextInt(256);
            }
            readAll(rec);
        });
    }

    @Test
    void aSizeBeyondOneRecordIsRefusedBeforeAnyRead() {
        ByteBuffer b = ByteBuffer.allocate(8).order(ByteOrder.nativeOrder());
        b.putInt(ProbeProtocol.REC_SYSCALL).putInt(Integer.MAX_VALUE & ~7);
        IOException e = assertThrows(IOException.class, () -> ProbeClient.readRecord(
                new DataInputStream(new ByteArrayInputStream(b.array())), new byte[ProbeProtocol.MAX_RECORD]));
        assertEquals(true, e.getMessage().startsWith("corrupt record header"));
    }
}
