package dev.syscalllens.junit;

import org.junit.jupiter.api.function.Executable;

/**
 * Contracts on what a block of code asks of the kernel, checked with the syscall-lens agent
 * attached to the test JVM:
 *
 * <pre>
 *   SyscallContracts.assertThat(() -&gt; Files.writeString(path, "hi"))
 *           .makesExactly("openat", "write", "close");
 *   SyscallContracts.assertThat(() -&gt; Files.readString(path)).neverMakes("fsync");
 * </pre>
 *
 * The block runs once, on the calling thread; only that thread's syscalls count.
 */
public final class SyscallContracts {
    private SyscallContracts() {
    }

    /**
     * Runs {@code block} and captures the syscalls the calling thread made in it. What the block
     * throws is thrown here unchanged (checked exceptions too, undeclared, so that a test need not
     * declare {@code throws Throwable}).
     */
    public static CapturedSyscalls assertThat(Executable block) {
        Object capture = AgentBridge.capture(AgentBridge.mode(null));
        try {
            block.execute();
        } catch (Throwable t) {
            AgentBridge.stop(capture);
            throw SyscallContracts.<RuntimeException>sneaky(t);
        }
        return new CapturedSyscalls(AgentBridge.stop(capture), SyscallFilter.jvm());
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> T sneaky(Throwable t) throws T {
        throw (T) t;
    }
}
