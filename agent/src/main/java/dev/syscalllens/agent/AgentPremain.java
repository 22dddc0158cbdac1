package dev.syscalllens.agent;

import java.lang.instrument.Instrumentation;

/**
 * The {@code -javaagent} entry point. It only puts the bootstrap classes where the JDK's own
 * classes can see them and hands over to {@link Agent}; nothing it does may stop the
 * application from starting.
 */
public final class AgentPremain {
    private AgentPremain() {
    }

    public static void premain(String args, Instrumentation inst) {
        start(args, inst);
    }

    public static void agentmain(String args, Instrumentation inst) {
        start(args, inst);
    }

    private static void start(String args, Instrumentation inst) {
        try {
            PrivateDir dir = PrivateDir.create();
            BootstrapInjector.inject(inst, dir);
            // Agent is loaded only now, so that its references to bootstrap classes resolve there.
            Class.forName("dev.syscalllens.agent.Agent")
                    .getMethod("start", String.class, Instrumentation.class, PrivateDir.class)
                    .invoke(null, args, inst, dir);
        } catch (Throwable t) {
            Throwable cause = t.getCause() != null ? t.getCause() : t;
            System.err.println("syscall-lens: not started: " + cause);
        }
    }
}
