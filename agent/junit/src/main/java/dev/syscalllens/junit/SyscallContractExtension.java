package dev.syscalllens.junit;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;

import java.lang.reflect.Method;
import java.util.List;

/**
 * Checks {@link SyscallContract}: captures the syscalls of exactly the test method's invocation,
 * on its thread. Set the configuration parameter {@code syscall-lens.contracts.unavailable=abort}
 * to skip contract tests where syscalls are not traced (no agent, ptrace refused) rather than
 * fail them.
 */
public final class SyscallContractExtension implements InvocationInterceptor {
    @Override
    public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> call,
                                    ExtensionContext context) throws Throwable {
        intercept(invocation, call, context);
    }

    /** {@code @ParameterizedTest}, {@code @RepeatedTest}: each invocation is a block of its own. */
    @Override
    public void interceptTestTemplateMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> call,
                                            ExtensionContext context) throws Throwable {
        intercept(invocation, call, context);
    }

    private static void intercept(Invocation<Void> invocation, ReflectiveInvocationContext<Method> call,
                                  ExtensionContext context) throws Throwable {
        SyscallContract contract = call.getExecutable().getAnnotation(SyscallContract.class);
        if (contract == null) {
            invocation.proceed();
            return;
        }
        String mode = AgentBridge.mode(context.getConfigurationParameter(AgentBridge.UNAVAILABLE).orElse(null));
        Object capture = AgentBridge.capture(mode);
        List<Syscall> made;
        try {
            invocation.proceed();
        } finally {
            made = AgentBridge.stop(capture);
        }
        check(contract, made);
    }

    static void check(SyscallContract contract, List<Syscall> made) {
        SyscallFilter noise = contract.jvmNoise() ? SyscallFilter.jvm() : SyscallFilter.none();
        CapturedSyscalls c = new CapturedSyscalls(made, noise.or(SyscallFilter.names(contract.ignore())));
        if (contract.nothing()) {
            c.makesNothing();
        }
        if (contract.exactly().length > 0) {
            c.makesExactly(contract.exactly());
        }
        for (String bound : contract.atMost()) {
            int colon = bound.lastIndexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("@SyscallContract atMost: \"" + bound + "\" is not NAME:MAX");
            }
            String name = bound.substring(0, colon).trim();
            int max = Integer.parseInt(bound.substring(colon + 1).trim());
            if (name.equals("*")) {
                c.makesAtMost(max);
            } else {
                c.makesAtMost(name, max);
            }
        }
        if (contract.forbid().length > 0) {
            c.neverMakes(contract.forbid());
        }
    }
}
