package dev.syscalllens.agent.it;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * The agent jar sits on the application's class path: everything it brings is ours by name, so
 * that the application's own byte-buddy, OpenTelemetry or jnr-ffi never meets a copy of ours.
 */
class AgentJarIT {
    @Test
    void everyClassIsOursOrRelocated() throws IOException {
        List<String> foreign = new ArrayList<>();
        try (JarFile jar = new JarFile(Env.AGENT.toFile())) {
            jar.stream().map(JarEntry::getName).filter(n -> !n.endsWith("/")).forEach(n -> {
                boolean ours = n.startsWith("dev/syscalllens/") || n.equals("module-info.class")
                        || n.startsWith("syscall-lens/")
                        // not multi-release: a class here would be an unrelocated copy
                        || n.startsWith("META-INF/") && !n.endsWith(".class");
                if (!ours) {
                    foreign.add(n);
                }
            });
        }
        assertEquals(List.of(), foreign.stream().limit(20).toList(), foreign.size() + " entries outside dev/syscalllens/");
    }

    @Test
    void servicesAreRegisteredUnderRelocatedNamesOnly() throws IOException {
        List<String> foreign = new ArrayList<>();
        try (JarFile jar = new JarFile(Env.AGENT.toFile())) {
            for (JarEntry e : jar.stream().filter(e -> e.getName().startsWith("META-INF/services/") && !e.isDirectory()).toList()) {
                String service = e.getName().substring("META-INF/services/".length());
                if (!service.startsWith("dev.syscalllens.")) {
                    foreign.add(service);
                }
                try (InputStream in = jar.getInputStream(e)) {
                    new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                            .map(l -> l.replaceAll("#.*", "").trim())
                            .filter(l -> !l.isEmpty() && !l.startsWith("dev.syscalllens."))
                            .forEach(l -> foreign.add(service + ": " + l));
                }
            }
        }
        assertEquals(List.of(), foreign);
    }

    @Test
    void nestedNativesJarCarriesOnlyTheLinuxStub() throws IOException {
        List<String> libraries = new ArrayList<>();
        boolean binding = false;
        try (JarFile jar = new JarFile(Env.AGENT.toFile())) {
            JarEntry natives = jar.getJarEntry("syscall-lens/natives.jar");
            assertNotNull(natives, "syscall-lens/natives.jar");
            try (JarInputStream in = new JarInputStream(jar.getInputStream(natives))) {
                for (JarEntry e; (e = in.getNextJarEntry()) != null; ) {
                    if (e.getName().startsWith("jni/") && !e.getName().endsWith("/")) {
                        libraries.add(e.getName());
                    }
                    binding |= e.getName().equals("dev/syscalllens/natives/Natives.class");
                }
            }
        }
        assertEquals(List.of("jni/x86_64-Linux/libjffi-1.2.so"), libraries);
        assertEquals(true, binding, "the binding is in the nested jar with jnr-ffi");
    }
}
