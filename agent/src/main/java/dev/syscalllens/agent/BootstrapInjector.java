package dev.syscalllens.agent;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.Method;
import java.security.ProtectionDomain;
import java.util.LinkedHashMap;
import java.util.Set;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarInputStream;

/**
 * Puts the bootstrap classes (the ones the advice inlined into JDK classes calls) into the
 * bootstrap class loader.
 *
 * <p>They are defined there directly rather than by appending a jar to the boot class path: an
 * appended jar makes HotSpot print "Sharing is only supported for boot loader classes because
 * bootstrap classpath has been appended" on the application's stderr and turns off class data
 * sharing for the application's classes. We use the JDK's internal Unsafe.defineClass, exported
 * to us through {@link Instrumentation#redefineModule}; sun.misc.Unsafe would warn on JDK 24 and
 * later. The append stays as the fallback.
 */
final class BootstrapInjector {
    private static final String JAR = "bootstrap.jar";

    private BootstrapInjector() {
    }

    static void inject(Instrumentation inst, PrivateDir dir) throws IOException {
        Map<String, byte[]> classes = classes();
        try {
            Module javaBase = Object.class.getModule();
            Module us = BootstrapInjector.class.getModule();
            inst.redefineModule(javaBase, Set.of(), Map.of("jdk.internal.misc", Set.of(us)), Map.of(),
                    Set.of(), Map.of());
            Class<?> unsafeClass = Class.forName("jdk.internal.misc.Unsafe");
            Object unsafe = unsafeClass.getMethod("getUnsafe").invoke(null);
            Method define = unsafeClass.getMethod("defineClass", String.class, byte[].class, int.class,
                    int.class, ClassLoader.class, ProtectionDomain.class);
            for (Map.Entry<String, byte[]> c : classes.entrySet()) {
                define.invoke(unsafe, c.getKey(), c.getValue(), 0, c.getValue().length, null, null);
            }
            openForVirtualThreads(inst);
        } catch (ReflectiveOperationException | RuntimeException e) {
            inst.appendToBootstrapClassLoaderSearch(new JarFile(dir.extract(JAR).toFile()));
            openForVirtualThreads(inst);
        }
    }

    /**
     * JDK 21+: the bootstrap Recorder finds a virtual thread's carrier through
     * Thread.currentCarrierThread() and jdk.internal.misc.CarrierThreadLocal; open both to the boot
     * loader's unnamed module, where it lives. Without them virtual threads are simply not recorded.
     */
    private static void openForVirtualThreads(Instrumentation inst) {
        if (Runtime.version().feature() < 21) {
            return;
        }
        try {
            Module boot = Class.forName("dev.syscalllens.bootstrap.Recorder", false, null).getModule();
            inst.redefineModule(Object.class.getModule(), Set.of(), Map.of("jdk.internal.misc", Set.of(boot)),
                    Map.of("java.lang", Set.of(boot)), Set.of(), Map.of());
        } catch (ReflectiveOperationException | RuntimeException e) {
            // virtual threads stay unrecorded
        }
    }

    /** Class name to class file, for every class in the nested bootstrap jar. */
    private static Map<String, byte[]> classes() throws IOException {
        Map<String, byte[]> classes = new LinkedHashMap<>();
        try (InputStream raw = BootstrapInjector.class.getResourceAsStream(PrivateDir.RESOURCE_ROOT + JAR)) {
            if (raw == null) {
                throw new IOException("the agent jar has no " + PrivateDir.RESOURCE_ROOT + JAR);
            }
            try (JarInputStream jar = new JarInputStream(raw)) {
                for (JarEntry e; (e = jar.getNextJarEntry()) != null; ) {
                    String name = e.getName();
                    if (name.endsWith(".class") && !name.endsWith("module-info.class")) {
                        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                        jar.transferTo(bytes);
                        classes.put(name.substring(0, name.length() - 6).replace('/', '.'), bytes.toByteArray());
                    }
                }
            }
        }
        return classes;
    }
}
