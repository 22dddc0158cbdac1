package dev.syscalllens.agent.natives;

import dev.syscalllens.agent.PrivateDir;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;

/**
 * The few libc functions the agent needs, through jnr-ffi; loaded once, and only where needed
 * (prctl under Yama's ptrace_scope 1).
 *
 * <p>jnr-ffi is not on the agent's class path: jffi's JNI library binds its native methods by
 * class name, so com.kenai.jffi cannot be relocated, and an unrelocated copy there would be the
 * application's too. jnr-ffi, its ASM, jffi with the stub library for this platform, and the
 * binding are the nested jar {@code syscall-lens/natives.jar} (module agent/natives), unpacked
 * into the private directory and loaded by a class loader whose parent is the platform loader.
 */
public final class LibC {
    /** prctl(2) option that names the process allowed to ptrace us under Yama's ptrace_scope 1. */
    public static final int PR_SET_PTRACER = 0x59616d61;

    private final Object binding;
    private final Method gettid;
    private final Method prctl;

    private LibC(Object binding, Method gettid, Method prctl) {
        this.binding = binding;
        this.gettid = gettid;
        this.prctl = prctl;
    }

    /** Unpacks the natives jar and jffi's library into {@code dir} and binds libc. */
    public static LibC load(PrivateDir dir) throws IOException, ReflectiveOperationException {
        URL jar = dir.extract("natives.jar").toUri().toURL();
        ClassLoader loader = new URLClassLoader("syscall-lens-natives", new URL[] {jar},
                ClassLoader.getPlatformClassLoader());
        Class<?> binding = Class.forName("dev.syscalllens.natives.JnrLibC", false, loader);
        Object libc = unwrap(() -> Class.forName("dev.syscalllens.natives.Natives", true, loader)
                .getMethod("load", java.nio.file.Path.class).invoke(null, dir.path()));
        return new LibC(libc, binding.getMethod("gettid"),
                binding.getMethod("prctl", int.class, long.class, long.class, long.class, long.class));
    }

    public int gettid() {
        return (int) call(gettid);
    }

    public int prctl(int option, long arg2, long arg3, long arg4, long arg5) {
        return (int) call(prctl, option, arg2, arg3, arg4, arg5);
    }

    private Object call(Method m, Object... args) {
        try {
            return unwrap(() -> m.invoke(binding, args));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private interface Reflective {
        Object call() throws ReflectiveOperationException;
    }

    /** The binding's own exception rather than reflection's wrapper around it. */
    private static Object unwrap(Reflective r) throws ReflectiveOperationException {
        try {
            return r.call();
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new ReflectiveOperationException(cause.toString(), cause);
        }
    }
}
