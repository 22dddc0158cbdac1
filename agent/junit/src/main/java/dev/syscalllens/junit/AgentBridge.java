package dev.syscalllens.junit;

import org.junit.jupiter.api.Assumptions;
import org.opentest4j.AssertionFailedError;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

/**
 * Reaches the agent's {@code dev.syscalllens.api.Syscalls} by reflection, through the system
 * class loader where the JVM put the {@code -javaagent} jar: whatever class loader the tests
 * run in, and whichever agent version, and with a clear message when the agent is not there.
 */
final class AgentBridge {
    static final String API = "dev.syscalllens.api.Syscalls";
    /** {@code fail} (the default) or {@code abort}: what a contract does when syscalls are not traced. */
    static final String UNAVAILABLE = "syscall-lens.contracts.unavailable";

    private AgentBridge() {
    }

    /** An open capture of the calling thread. */
    static Object capture(String unavailableMode) {
        try {
            Class<?> api = Class.forName(API, true, ClassLoader.getSystemClassLoader());
            String problem = (String) api.getMethod("problem").invoke(null);
            if (problem != null) {
                unavailable("syscalls are not traced: " + problem, unavailableMode);
            }
            return api.getMethod("capture").invoke(null);
        } catch (ClassNotFoundException e) {
            unavailable("the syscall-lens agent is not attached to this JVM: run the tests with"
                    + " -javaagent:/path/to/syscall-lens-agent.jar=exporter=none (see docs/junit-contracts.md)",
                    unavailableMode);
            return null;
        } catch (InvocationTargetException e) {
            throw new AssertionFailedError("cannot capture syscalls: " + e.getCause().getMessage(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new AssertionFailedError("this syscall-lens agent does not offer " + API + ".capture(): " + e, e);
        }
    }

    /** Stops the capture and copies the agent's syscalls into ours. */
    static List<Syscall> stop(Object capture) {
        try {
            ClassLoader agent = capture.getClass().getClassLoader();
            Method stop = Class.forName("dev.syscalllens.api.Capture", false, agent).getMethod("stop");
            Class<?> type = Class.forName("dev.syscalllens.api.Syscall", false, agent);
            Method name = type.getMethod("name");
            Method args = type.getMethod("args");
            Method ret = type.getMethod("ret");
            Method errno = type.getMethod("errno");
            Method fdTarget = type.getMethod("fdTarget");
            Method javaCall = type.getMethod("javaCall");
            List<Syscall> out = new ArrayList<>();
            for (Object s : (List<?>) stop.invoke(capture)) {
                out.add(new Syscall((String) name.invoke(s), (String) args.invoke(s), (String) ret.invoke(s),
                        (String) errno.invoke(s), (String) fdTarget.invoke(s), (String) javaCall.invoke(s)));
            }
            return out;
        } catch (InvocationTargetException e) {
            throw new AssertionFailedError("cannot check the syscall contract: " + e.getCause().getMessage(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new AssertionFailedError("this syscall-lens agent's capture API differs from this extension's: " + e, e);
        }
    }

    /** The mode from a JUnit configuration parameter or, failing that, the system property. */
    static String mode(String configured) {
        return configured != null ? configured : System.getProperty(UNAVAILABLE, "fail");
    }

    private static void unavailable(String message, String mode) {
        if ("abort".equals(mode)) {
            Assumptions.abort(message);
        }
        throw new AssertionFailedError(message + " (set " + UNAVAILABLE + "=abort to skip such tests instead)");
    }
}
