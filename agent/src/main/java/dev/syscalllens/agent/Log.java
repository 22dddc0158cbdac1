package dev.syscalllens.agent;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The agent's few words to the user, on the process's real stderr (fd 2), whatever the
 * application did to {@link System#err}. Every line starts with "syscall-lens: ".
 */
public final class Log {
    private static final PrintStream ERR = new PrintStream(
            new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
    private static volatile boolean debug;

    private Log() {
    }

    static void setDebug(boolean on) {
        debug = on;
    }

    public static void info(String message) {
        ERR.println("syscall-lens: " + message);
    }

    public static void debug(String message) {
        if (debug) {
            info(message);
        }
    }

    /** The stream the console exporter writes its trees to. */
    public static PrintStream stderr() {
        return ERR;
    }
}
